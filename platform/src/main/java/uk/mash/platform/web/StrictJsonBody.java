package uk.mash.platform.web;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.HttpMessageNotWritableException;
import org.springframework.web.ErrorResponseException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads one record type's JSON bodies strictly: every property the record, or a record or list within it, does not
 * know, every value that cannot be read as its field's type, and every property given more than once in its object, is
 * named by its path in one refusal ({@link NotRead}, answered by {@link UnreadableBodies}), where Jackson stops at the
 * first and an API client would be sent back once for each. JSON leaves a repeated property's meaning to the reader,
 * and Jackson keeps the last: {@code "consent": "REFUSED", "consent": "GIVEN"} would be recorded as consent given.
 * A property a record declares ignored ({@link JsonIgnoreProperties}) is known, and ignored on purpose. A service
 * registers one as a bean for each body it reads this way; the rest of its JSON stays as Boot configures it.
 */
public class StrictJsonBody<T extends Record> extends AbstractHttpMessageConverter<T> {

    /**
     * Each value that cannot be read costs a reading of the body again: a list of 20,000 of them held a request thread
     * for 8.7 s, against 1.8 s naming this many. The answer names this many, and the rest come with the next.
     */
    static final int MOST_UNREADABLE_NAMED = 50;

    /**
     * Far above any body a service takes (a referral passes on at most 512 KiB once encoded, about 3 MiB as JSON with
     * every character escaped), and far below what would crowd the heap: the whole body is held while it is read.
     */
    public static final int MOST_BYTES = 4 * 1024 * 1024;

    private final JsonMapper json;
    /** Reads past a repeated property, so that every one is named rather than the first. */
    private final ObjectReader everyProperty;
    private final Class<T> type;

    public StrictJsonBody(JsonMapper json, Class<T> type) {
        super(MediaType.APPLICATION_JSON, new MediaType("application", "*+json"));
        this.json = json;
        this.everyProperty = json.reader().without(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
        this.type = type;
    }

    @Override
    protected boolean supports(Class<?> clazz) {
        return clazz == type;
    }

    @Override
    public boolean canWrite(Class<?> clazz, MediaType mediaType) {
        return false;
    }

    @Override
    protected T readInternal(Class<? extends T> clazz, HttpInputMessage input) throws IOException {
        List<String> unknown = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        try {
            byte[] sent = input.getBody().readNBytes(MOST_BYTES + 1);
            if (sent.length > MOST_BYTES) {
                throw new TooLarge();
            }
            List<String> repeated = repeatedProperties(sent);
            JsonNode body = everyProperty.readTree(sent);
            takeOutUnknownProperties(body, type, "", unknown);
            T read = readValues(body, unreadable);
            if (!unknown.isEmpty() || !unreadable.isEmpty() || !repeated.isEmpty()) {
                throw new NotRead(unknown, unreadable, repeated, input);
            }
            return read;
        }
        catch (JacksonException e) {
            // the parser's own message can quote a value, which could be the child's details
            throw new HttpMessageNotReadableException("The body is not readable JSON of its type", e, input);
        }
    }

    /**
     * Reads the body, taking out each value that cannot be read as its field's type and reading the rest again, so
     * that every such field is named rather than the first, up to {@value #MOST_UNREADABLE_NAMED}. Null once a value
     * has been taken out.
     */
    private T readValues(JsonNode body, List<String> unreadable) {
        while (true) {
            try {
                T read = json.treeToValue(body, type);
                return unreadable.isEmpty() ? read : null;
            }
            catch (DatabindException e) {
                String path = JsonPaths.of(e);
                if (path == null || unreadable.size() == MOST_UNREADABLE_NAMED || unreadable.contains(path)
                        || !takeOut(body, e.getPath())) {
                    if (unreadable.isEmpty()) {
                        throw e;
                    }
                    return null;
                }
                unreadable.add(path);
            }
        }
    }

    private List<String> repeatedProperties(byte[] sent) {
        Set<String> repeated = new LinkedHashSet<>();
        Deque<Set<String>> objects = new ArrayDeque<>();
        try (JsonParser parser = everyProperty.createParser(sent)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.START_OBJECT) {
                    objects.push(new HashSet<>());
                }
                else if (token == JsonToken.END_OBJECT) {
                    objects.pop();
                }
                else if (token == JsonToken.PROPERTY_NAME && !objects.element().add(parser.currentName())) {
                    repeated.add(JsonPaths.of(parser.streamReadContext()));
                }
            }
        }
        return List.copyOf(repeated);
    }

    /** A list's element is nulled rather than removed, so that the positions of those after it stay as sent. */
    private static boolean takeOut(JsonNode body, List<JacksonException.Reference> path) {
        JsonNode parent = body;
        for (JacksonException.Reference step : path.subList(0, path.size() - 1)) {
            parent = step.getPropertyName() != null ? parent.get(step.getPropertyName()) : parent.get(step.getIndex());
            if (parent == null) {
                return false;
            }
        }
        JacksonException.Reference last = path.get(path.size() - 1);
        if (parent instanceof ObjectNode object && last.getPropertyName() != null
                && object.has(last.getPropertyName())) {
            object.remove(last.getPropertyName());
            return true;
        }
        if (parent instanceof ArrayNode list && last.getIndex() >= 0 && last.getIndex() < list.size()) {
            list.set(last.getIndex(), NullNode.getInstance());
            return true;
        }
        return false;
    }

    @Override
    protected void writeInternal(T body, HttpOutputMessage output) {
        throw new HttpMessageNotWritableException("Strictly read bodies are only ever read");
    }

    /** A value that is not the object or list its type expects is left for reading to name as unreadable. */
    private static void takeOutUnknownProperties(JsonNode node, Type type, String path, List<String> unknown) {
        if (type instanceof ParameterizedType list && list.getRawType() == List.class && node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                takeOutUnknownProperties(node.get(i), list.getActualTypeArguments()[0], path + "[" + i + "]",
                        unknown);
            }
        }
        else if (type instanceof Class<?> record && record.isRecord() && node.isObject()) {
            Map<String, Type> components = Arrays.stream(record.getRecordComponents())
                    .collect(Collectors.toMap(RecordComponent::getName, RecordComponent::getGenericType));
            Set<String> ignored = Optional.ofNullable(record.getAnnotation(JsonIgnoreProperties.class))
                    .map(ignorals -> Set.of(ignorals.value())).orElse(Set.of());
            for (Iterator<Map.Entry<String, JsonNode>> properties = node.properties().iterator();
                    properties.hasNext();) {
                Map.Entry<String, JsonNode> property = properties.next();
                String at = path.isEmpty() ? property.getKey() : path + "." + property.getKey();
                Type componentType = components.get(property.getKey());
                if (componentType != null) {
                    takeOutUnknownProperties(property.getValue(), componentType, at, unknown);
                }
                else if (!ignored.contains(property.getKey())) {
                    unknown.add(at);
                    properties.remove();
                }
            }
        }
    }

    /** A body larger than {@link #MOST_BYTES}, refused unread: {@code 413} problem details. */
    public static final class TooLarge extends ErrorResponseException {

        TooLarge() {
            super(HttpStatus.CONTENT_TOO_LARGE, problem(), null);
        }

        private static ProblemDetail problem() {
            String most = "at most " + MOST_BYTES / (1024 * 1024) + " MiB";
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                    "The body is larger than this endpoint takes (" + most + "). Nothing was recorded.");
            problem.setTitle("Request too large");
            problem.setProperty("errors", List.of(new UnreadableBodies.FieldProblem("TOO_LARGE", null,
                    "Send a body of " + most + ".")));
            return problem;
        }
    }

    /**
     * A body naming properties its type does not know, with values that cannot be read as their fields' types, or
     * giving a property more than once in an object, each by its path; nothing of it is used.
     */
    public static final class NotRead extends HttpMessageNotReadableException {

        private final List<String> unknown;
        private final List<String> unreadable;
        private final List<String> repeated;

        NotRead(List<String> unknown, List<String> unreadable, List<String> repeated, HttpInputMessage input) {
            super("The body names " + unknown.size() + " property(ies) its type does not know, "
                    + unreadable.size() + " value(s) that cannot be read and " + repeated.size()
                    + " property(ies) more than once", input);
            this.unknown = List.copyOf(unknown);
            this.unreadable = List.copyOf(unreadable);
            this.repeated = List.copyOf(repeated);
        }

        public List<String> unknown() {
            return unknown;
        }

        public List<String> unreadable() {
            return unreadable;
        }

        public List<String> repeated() {
            return repeated;
        }

        /**
         * Each field at fault as problem details list it: unknown, then unreadable, then repeated, each by its path.
         *
         * @param whose what the body is a property of, e.g. "this endpoint takes": "x is not a property {whose}"
         */
        public List<UnreadableBodies.FieldProblem> errors(String whose) {
            return Stream.of(
                    unknown.stream().map(path -> new UnreadableBodies.FieldProblem("UNKNOWN_FIELD", path, path
                            + " is not a property " + whose + ": check its name and place against the API document "
                            + "(/v3/api-docs).")),
                    unreadable.stream().map(path -> new UnreadableBodies.FieldProblem("UNREADABLE", path,
                            "Check the type and allowed values of " + path + ".")),
                    repeated.stream().map(path -> new UnreadableBodies.FieldProblem("REPEATED_FIELD", path, path
                            + " is given more than once: give it once, with the value you mean.")))
                    .flatMap(problems -> problems).toList();
        }

        /** How many fields are at fault, each named once in its list. */
        public int count() {
            return unknown.size() + unreadable.size() + repeated.size();
        }
    }
}
