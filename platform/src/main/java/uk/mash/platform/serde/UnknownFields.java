package uk.mash.platform.serde;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.avro.Schema;

/**
 * The fields a writer's schema has that the reader's does not, by their paths from the record down
 * ({@code child.nhs_number}). Avro's schema resolution drops such a field without a word, which for a referral means a
 * statement the MASH never hears: an agency system whose schema sends {@code immediateRisk} beside the contract's
 * {@code immediateRiskOfSignificantHarm} would have its referral read as no immediate risk.
 */
public final class UnknownFields {

    private UnknownFields() {
    }

    public static List<String> of(Schema writer, Schema reader) {
        List<String> unknown = new ArrayList<>();
        collect(writer, reader, "", unknown, new HashSet<>());
        return unknown;
    }

    private static void collect(Schema writer, Schema reader, String path, List<String> unknown,
            Set<String> within) {
        Schema written = nonNull(writer);
        Schema read = nonNull(reader);
        if (written == null || read == null || written.getType() != read.getType()) {
            return;
        }
        switch (written.getType()) {
            case RECORD -> {
                // a record within itself (a recursive schema) has been looked through already, higher up
                if (!within.add(written.getFullName())) {
                    return;
                }
                for (Schema.Field field : written.getFields()) {
                    String at = path.isEmpty() ? field.name() : path + "." + field.name();
                    Schema.Field known = fieldOf(read, field);
                    if (known == null) {
                        unknown.add(at);
                    }
                    else {
                        collect(field.schema(), known.schema(), at, unknown, within);
                    }
                }
                within.remove(written.getFullName());
            }
            case ARRAY -> collect(written.getElementType(), read.getElementType(), path + "[]", unknown, within);
            case MAP -> collect(written.getValueType(), read.getValueType(), path + "{}", unknown, within);
            default -> {
                // a value, not a record of fields: nothing can be dropped from it
            }
        }
    }

    private static Schema.Field fieldOf(Schema record, Schema.Field written) {
        Schema.Field byName = record.getField(written.name());
        if (byName != null) {
            return byName;
        }
        return record.getFields().stream().filter(field -> field.aliases().contains(written.name())).findFirst()
                .orElse(null);
    }

    /** An optional value's schema, as {@code ["null", X]} unions hold it; other unions are not looked into. */
    private static Schema nonNull(Schema schema) {
        if (!schema.isUnion()) {
            return schema;
        }
        List<Schema> branches = schema.getTypes().stream().filter(branch -> branch.getType() != Schema.Type.NULL)
                .toList();
        return branches.size() == 1 ? branches.get(0) : null;
    }
}
