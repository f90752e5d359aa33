package uk.mash.intake.api;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.HttpMessageNotWritableException;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

import uk.mash.platform.web.JsonPaths;

/**
 * Reads a referral body, refusing every property the referral contract does not know. Dropped, a misnamed property is
 * a statement the MASH never hears: {@code "immediateRisk": true}, another API's name for
 * {@code immediateRiskOfSignificantHarm}, would be triaged as no immediate risk. Every unknown property and every
 * value that cannot be read as its field's type is named at once, by its path, so the agency system can put them all
 * right in one go. Only referral bodies are read this strictly; the service's other JSON stays as Boot configures it.
 * A property a record declares ignored ({@link JsonIgnoreProperties}) is known, and ignored on purpose.
 */
@Component
class ReferralBodyReader extends AbstractHttpMessageConverter<ReferralRequest> {

    private final JsonMapper json;

    ReferralBodyReader(JsonMapper json) {
        super(MediaType.APPLICATION_JSON, new MediaType("application", "*+json"));
        this.json = json;
    }

    @Override
    protected boolean supports(Class<?> type) {
        return type == ReferralRequest.class;
    }

    @Override
    public boolean canWrite(Class<?> type, MediaType mediaType) {
        return false;
    }

    @Override
    protected ReferralRequest readInternal(Class<? extends ReferralRequest> type, HttpInputMessage input)
            throws IOException {
        List<String> unknown = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        try {
            JsonNode body = json.readTree(input.getBody());
            takeOutUnknownProperties(body, ReferralRequest.class, "", unknown);
            ReferralRequest request = readValues(body, unreadable);
            if (!unknown.isEmpty() || !unreadable.isEmpty()) {
                throw new ReferralBodyNotRead(unknown, unreadable, input);
            }
            return request;
        }
        catch (JacksonException e) {
            // the parser's own message can quote a value, which could be the child's details
            throw new HttpMessageNotReadableException("The body is not a readable referral", e, input);
        }
    }

    /**
     * Reads the body as a referral, taking out each value that cannot be read as its field's type and reading the rest
     * again, so that every such field is named rather than the first. Null once a value has been taken out.
     */
    private ReferralRequest readValues(JsonNode body, List<String> unreadable) {
        while (true) {
            try {
                ReferralRequest request = json.treeToValue(body, ReferralRequest.class);
                return unreadable.isEmpty() ? request : null;
            }
            catch (DatabindException e) {
                String path = JsonPaths.of(e);
                if (path == null || unreadable.contains(path) || !takeOut(body, e.getPath())) {
                    if (unreadable.isEmpty()) {
                        throw e;
                    }
                    return null;
                }
                unreadable.add(path);
            }
        }
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
    protected void writeInternal(ReferralRequest request, HttpOutputMessage output) {
        throw new HttpMessageNotWritableException("Referral bodies are only ever read");
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

    /**
     * A referral body naming properties the contract does not know, or with values that cannot be read as their
     * fields' types, each by its path; nothing of it is used.
     */
    static final class ReferralBodyNotRead extends HttpMessageNotReadableException {

        private final List<String> unknown;
        private final List<String> unreadable;

        ReferralBodyNotRead(List<String> unknown, List<String> unreadable, HttpInputMessage input) {
            super("The referral names " + unknown.size() + " property(ies) the referral contract does not know and "
                    + unreadable.size() + " value(s) that cannot be read", input);
            this.unknown = List.copyOf(unknown);
            this.unreadable = List.copyOf(unreadable);
        }

        List<String> unknown() {
            return unknown;
        }

        List<String> unreadable() {
            return unreadable;
        }
    }
}
