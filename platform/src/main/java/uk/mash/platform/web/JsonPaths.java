package uk.mash.platform.web;

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
}
