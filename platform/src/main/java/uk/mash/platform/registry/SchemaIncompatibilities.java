package uk.mash.platform.registry;

import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/** Describes Avro's compatibility verdicts in words, for registry refusals and serde errors alike. */
public final class SchemaIncompatibilities {

    private SchemaIncompatibilities() {
    }

    /**
     * One line per incompatibility: its type, the field it concerns (with Avro's JSON-pointer location into the reader
     * schema) and Avro's explanation, e.g. {@code TYPE_MISMATCH at child.address.postcode (/fields/5/type/...)}.
     */
    public static List<String> messages(SchemaCompatibility.SchemaPairCompatibility compatibility) {
        Schema reader = compatibility.getReader();
        return compatibility.getResult().getIncompatibilities().stream()
                .map(i -> i.getType() + " at " + where(reader, i.getLocation()) + ": " + i.getMessage())
                .toList();
    }

    public static String describe(SchemaCompatibility.SchemaPairCompatibility compatibility) {
        List<String> messages = messages(compatibility);
        return messages.isEmpty() ? compatibility.getDescription() : String.join("; ", messages);
    }

    private static String where(Schema reader, String location) {
        String path = fieldPath(reader, location);
        return path.isEmpty() ? location : path + " (" + location + ")";
    }

    /** Follows Avro's pointer through the reader schema, naming the fields it passes; best effort. */
    static String fieldPath(Schema root, String location) {
        List<String> names = new ArrayList<>();
        if (root == null || location == null) {
            return "";
        }
        String[] parts = location.split("/");
        Schema current = root;
        for (int i = 1; i < parts.length && current != null; i++) {
            String part = parts[i];
            switch (current.getType()) {
                case RECORD -> {
                    int index = i + 1 < parts.length && part.equals("fields") ? index(parts[i + 1]) : -1;
                    if (index < 0 || index >= current.getFields().size()) {
                        current = null;
                    }
                    else {
                        Schema.Field field = current.getFields().get(index);
                        names.add(field.name());
                        i++;
                        if (i + 1 < parts.length && parts[i + 1].equals("type")) {
                            i++;
                            current = field.schema();
                        }
                        else {
                            current = null;
                        }
                    }
                }
                case ARRAY -> current = part.equals("items") ? current.getElementType() : null;
                case MAP -> current = part.equals("values") ? current.getValueType() : null;
                case UNION -> {
                    int index = index(part);
                    current = index >= 0 && index < current.getTypes().size() ? current.getTypes().get(index) : null;
                }
                default -> current = null;
            }
        }
        return String.join(".", names);
    }

    private static int index(String text) {
        try {
            return Integer.parseInt(text);
        }
        catch (NumberFormatException e) {
            return -1;
        }
    }
}
