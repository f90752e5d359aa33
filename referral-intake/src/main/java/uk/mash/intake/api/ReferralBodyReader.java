package uk.mash.intake.api;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a referral body, refusing every property the referral contract does not know. Dropped, a misnamed property is
 * a statement the MASH never hears: {@code "immediateRisk": true}, another API's name for
 * {@code immediateRiskOfSignificantHarm}, would be triaged as no immediate risk. Every unknown property is named at
 * once, by its path, so the agency system can put them all right in one go. Only referral bodies are read this
 * strictly; the service's other JSON stays as Boot configures it. A property a record declares ignored
 * ({@link JsonIgnoreProperties}) is known, and ignored on purpose.
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
        try {
            JsonNode body = json.readTree(input.getBody());
            List<String> unknown = new ArrayList<>();
            unknownProperties(body, ReferralRequest.class, "", unknown);
            if (!unknown.isEmpty()) {
                throw new UnknownReferralProperties(unknown, input);
            }
            return json.treeToValue(body, ReferralRequest.class);
        }
        catch (JacksonException e) {
            // the parser's own message can quote a value, which could be the child's details
            throw new HttpMessageNotReadableException("The body is not a readable referral", e, input);
        }
    }

    @Override
    protected void writeInternal(ReferralRequest request, HttpOutputMessage output) {
        throw new HttpMessageNotWritableException("Referral bodies are only ever read");
    }

    /** A value that is not the object or list its type expects is left for reading to name as unreadable. */
    private static void unknownProperties(JsonNode node, Type type, String path, List<String> unknown) {
        if (type instanceof ParameterizedType list && list.getRawType() == List.class && node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                unknownProperties(node.get(i), list.getActualTypeArguments()[0], path + "[" + i + "]", unknown);
            }
        }
        else if (type instanceof Class<?> record && record.isRecord() && node.isObject()) {
            Map<String, Type> components = Arrays.stream(record.getRecordComponents())
                    .collect(Collectors.toMap(RecordComponent::getName, RecordComponent::getGenericType));
            Set<String> ignored = Optional.ofNullable(record.getAnnotation(JsonIgnoreProperties.class))
                    .map(ignorals -> Set.of(ignorals.value())).orElse(Set.of());
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                String at = path.isEmpty() ? property.getKey() : path + "." + property.getKey();
                Type componentType = components.get(property.getKey());
                if (componentType != null) {
                    unknownProperties(property.getValue(), componentType, at, unknown);
                }
                else if (!ignored.contains(property.getKey())) {
                    unknown.add(at);
                }
            }
        }
    }

    /** A referral body naming properties the contract does not know; nothing of it is read further. */
    static final class UnknownReferralProperties extends HttpMessageNotReadableException {

        private final List<String> paths;

        UnknownReferralProperties(List<String> paths, HttpInputMessage input) {
            super("The referral names " + paths.size() + " property(ies) the referral contract does not know", input);
            this.paths = List.copyOf(paths);
        }

        List<String> paths() {
            return paths;
        }
    }
}
