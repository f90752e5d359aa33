package uk.mash.platform.serde;

import org.apache.avro.specific.AvroGenerated;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Lets Avro load the classes its own compiler generated. Since 1.12.1 Avro refuses to load any class a schema names
 * unless it is trusted, and that includes the generated contracts: without this, the deserializer cannot find the
 * reader class for a writer schema, and a generated builder cannot even fill in a default of an array of records.
 * Trusting exactly the {@link AvroGenerated} classes keeps the protection against schemas that name arbitrary
 * classes.
 */
public final class GeneratedAvroClasses {

    private static boolean trusted;

    private GeneratedAvroClasses() {
    }

    /**
     * Adds generated classes to Avro's JVM-wide trust, keeping whatever was trusted already. Idempotent. The serializer
     * and deserializer call it when loaded; call it at start-up too if records are built before either is loaded.
     */
    public static synchronized void trust() {
        if (trusted) {
            return;
        }
        ClassSecurityValidator.ClassSecurityPredicate existing = ClassSecurityValidator.getGlobal();
        ClassSecurityValidator.setGlobal(
                ClassSecurityValidator.composite(existing, GeneratedAvroClasses::isGenerated));
        trusted = true;
    }

    static boolean isGenerated(Class<?> type) {
        return type.isAnnotationPresent(AvroGenerated.class);
    }
}
