package uk.mash.platform.registry;

import java.util.Objects;

import org.apache.avro.Schema;

/** One version of a subject as the registry holds it. */
public record RegisteredSchema(String subject, int version, int id, Schema schema) {

    public RegisteredSchema {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(schema, "schema");
    }
}
