package uk.mash.platform.embedded.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

import uk.mash.platform.registry.SchemaIncompatibilities;

/**
 * The registry's subjects, versions and schemas in PostgreSQL. Schema ids come from the database, so they survive a
 * restart, and are shared by every subject that registers the same schema text, as in Confluent's registry.
 */
final class RegistryStore {

    /**
     * Serialises registrations across every registry server on the database; the value only has to differ from the
     * advisory locks other code on the same database takes.
     */
    private static final long REGISTRATION_LOCK = 0x4d4153485245474cL;

    private static final List<String> DDL = List.of(
            "CREATE SCHEMA IF NOT EXISTS registry",
            // identity is by a hash because a unique index on long schema text would exceed PostgreSQL's index row
            // size for the larger contracts
            """
            CREATE TABLE IF NOT EXISTS registry.schemas (
                id integer PRIMARY KEY,
                schema_hash text NOT NULL UNIQUE,
                schema_text text NOT NULL,
                registered_at timestamptz NOT NULL DEFAULT now()
            )""",
            """
            CREATE TABLE IF NOT EXISTS registry.subject_versions (
                subject text NOT NULL,
                version integer NOT NULL,
                schema_id integer NOT NULL REFERENCES registry.schemas (id),
                registered_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (subject, version),
                UNIQUE (subject, schema_id)
            )""");

    private static final String SELECT_VERSION = "SELECT v.subject, v.version, s.id, s.schema_text"
            + " FROM registry.subject_versions v JOIN registry.schemas s ON s.id = v.schema_id";

    private final DataSource dataSource;

    RegistryStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Safe to run from several servers starting at once: concurrent CREATE ... IF NOT EXISTS can still collide. */
    void createTables() throws SQLException {
        inTransaction(connection -> {
            lock(connection);
            try (Statement statement = connection.createStatement()) {
                for (String ddl : DDL) {
                    statement.execute(ddl);
                }
            }
            return null;
        });
    }

    /**
     * Registers {@code schema} as the next version of {@code subject} unless it is already one of its versions, after
     * checking that it can read data written with the latest version (BACKWARD compatibility).
     */
    Registration register(String subject, Schema schema) throws SQLException {
        String text = schema.toString();
        String hash = sha256(text);
        return inTransaction(connection -> {
            lock(connection);
            Optional<StoredVersion> existing = findByHash(connection, subject, hash);
            if (existing.isPresent()) {
                return new Registration.Registered(existing.get().id(), existing.get().version(), false);
            }
            Optional<StoredVersion> latest = latest(connection, subject);
            if (latest.isPresent()) {
                SchemaCompatibility.SchemaPairCompatibility compatibility = SchemaCompatibility
                        .checkReaderWriterCompatibility(schema, new Schema.Parser().parse(latest.get().schema()));
                if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
                    return new Registration.Incompatible(latest.get().version(),
                            SchemaIncompatibilities.messages(compatibility),
                            SchemaIncompatibilities.describe(compatibility));
                }
            }
            int id = schemaId(connection, hash, text);
            int version = latest.map(v -> v.version() + 1).orElse(1);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO registry.subject_versions (subject, version, schema_id) VALUES (?, ?, ?)")) {
                insert.setString(1, subject);
                insert.setInt(2, version);
                insert.setInt(3, id);
                insert.executeUpdate();
            }
            return new Registration.Registered(id, version, true);
        });
    }

    Optional<String> schemaText(int id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT schema_text FROM registry.schemas WHERE id = ?")) {
            query.setInt(1, id);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }

    List<String> subjects() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT DISTINCT subject FROM registry.subject_versions ORDER BY subject");
                ResultSet rows = query.executeQuery()) {
            List<String> subjects = new ArrayList<>();
            while (rows.next()) {
                subjects.add(rows.getString(1));
            }
            return subjects;
        }
    }

    List<Integer> versions(String subject) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT version FROM registry.subject_versions WHERE subject = ? ORDER BY version")) {
            query.setString(1, subject);
            try (ResultSet rows = query.executeQuery()) {
                List<Integer> versions = new ArrayList<>();
                while (rows.next()) {
                    versions.add(rows.getInt(1));
                }
                return versions;
            }
        }
    }

    Optional<StoredVersion> version(String subject, int version) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return one(connection, SELECT_VERSION + " WHERE v.subject = ? AND v.version = ?", subject, version);
        }
    }

    Optional<StoredVersion> latest(String subject) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return latest(connection, subject);
        }
    }

    /** The version of {@code subject} whose schema is {@code schema}, if any. */
    Optional<StoredVersion> find(String subject, Schema schema) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return findByHash(connection, subject, sha256(schema.toString()));
        }
    }

    private static Optional<StoredVersion> latest(Connection connection, String subject) throws SQLException {
        return one(connection, SELECT_VERSION + " WHERE v.subject = ? ORDER BY v.version DESC LIMIT 1", subject);
    }

    private static Optional<StoredVersion> findByHash(Connection connection, String subject, String hash)
            throws SQLException {
        return one(connection, SELECT_VERSION + " WHERE v.subject = ? AND s.schema_hash = ?", subject, hash);
    }

    private static Optional<StoredVersion> one(Connection connection, String sql, Object... parameters)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredVersion(rows.getString(1), rows.getInt(2), rows.getInt(3),
                        rows.getString(4)));
            }
        }
    }

    /** The id of the schema with this text, given the next free id if it is new to the registry. */
    private static int schemaId(Connection connection, String hash, String text) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT id FROM registry.schemas WHERE schema_hash = ?")) {
            query.setString(1, hash);
            try (ResultSet rows = query.executeQuery()) {
                if (rows.next()) {
                    return rows.getInt(1);
                }
            }
        }
        // MAX + 1 under the registration lock rather than a sequence, so ids have no gaps from rolled-back attempts
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO registry.schemas (id, schema_hash, schema_text)"
                        + " SELECT COALESCE(MAX(id), 0) + 1, ?, ? FROM registry.schemas RETURNING id")) {
            insert.setString(1, hash);
            insert.setString(2, text);
            try (ResultSet rows = insert.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static void lock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            lock.setLong(1, REGISTRATION_LOCK);
            lock.execute();
        }
    }

    private <T> T inTransaction(SqlWork<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            }
            catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** A subject's version as stored; {@code schema} is the registry's canonical text. */
    record StoredVersion(String subject, int version, int id, String schema) {
    }

    /** What came of a registration. */
    sealed interface Registration {

        record Registered(int id, int version, boolean created) implements Registration {
        }

        record Incompatible(int latestVersion, List<String> messages, String description) implements Registration {
        }
    }
}
