package uk.mash.platform.web;

import java.util.ArrayDeque;
import java.util.Deque;

import tools.jackson.core.TokenStreamContext;
import tools.jackson.databind.DatabindException;

/** Where in a JSON body reading failed, as the field names and list positions an API's callers write. */
public final class JsonPaths {

    private JsonPaths() {
    }

    /** The path, e.g. {@code parentsOrCarers[0].dateOfBirth}; null when the failure is not within a property. */
    public static String of(DatabindException e) {
        StringBuilder path = new StringBuilder();
        for (var reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            }
            else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? null : path.toString();
    }

    /** The path of where a parser is, e.g. {@code parentsOrCarers[0].name} at that property's name. */
    public static String of(TokenStreamContext context) {
        Deque<TokenStreamContext> steps = new ArrayDeque<>();
        for (TokenStreamContext step = context; step != null && !step.inRoot(); step = step.getParent()) {
            steps.push(step);
        }
        StringBuilder path = new StringBuilder();
        for (TokenStreamContext step : steps) {
            if (step.inArray()) {
                path.append('[').append(step.getCurrentIndex()).append(']');
            }
            else {
                path.append(path.isEmpty() ? "" : ".").append(step.currentName());
            }
        }
        return path.toString();
    }
}
