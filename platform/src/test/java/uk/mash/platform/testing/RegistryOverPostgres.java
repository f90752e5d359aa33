package uk.mash.platform.testing;

import java.io.IOException;
import java.net.URI;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import uk.mash.platform.embedded.registry.SchemaRegistryServer;

/** The schema registry over HTTP on a free port, keeping its schemas in a fresh embedded PostgreSQL of its own. */
public final class RegistryOverPostgres implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final SchemaRegistryServer server;

    private RegistryOverPostgres(EmbeddedPostgres postgres, SchemaRegistryServer server) {
        this.postgres = postgres;
        this.server = server;
    }

    public static RegistryOverPostgres start() throws IOException {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        try {
            return new RegistryOverPostgres(postgres,
                    new SchemaRegistryServer(postgres.getPostgresDatabase(), "localhost", 0).start());
        }
        catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    public URI baseUrl() {
        return server.baseUrl();
    }

    @Override
    public void close() throws IOException {
        server.close();
        postgres.close();
    }
}
