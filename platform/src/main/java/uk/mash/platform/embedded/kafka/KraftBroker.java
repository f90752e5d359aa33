package uk.mash.platform.embedded.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) in this JVM, for the local stack and
 * tests where no Docker engine is available. Its log directory is kept between runs, so topics and offsets survive
 * a restart unless the caller wipes the directory.
 */
public final class KraftBroker implements AutoCloseable {

    private final KafkaRaftServer server;
    private final int port;

    private KraftBroker(KafkaRaftServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Formats the log directory if it is new and starts the broker.
     *
     * @param logDir where the broker keeps its logs and metadata
     * @param port the client port, or 0 for any free port
     * @param overrides broker settings that replace the defaults
     */
    public static KraftBroker start(Path logDir, int port, Map<String, String> overrides) {
        ListenerPorts ports = ListenerPorts.choose(port);
        int clientPort = ports.client();
        int controllerPort = ports.controller();
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", logDir.toAbsolutePath().toString());
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "5");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "false");
        props.put("num.partitions", "3");
        props.put("log.flush.interval.ms", "1000");
        props.putAll(overrides);
        format(logDir, props);
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
        server.startup();
        return new KraftBroker(server, clientPort);
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    private static void format(Path logDir, Properties props) {
        try {
            Files.createDirectories(logDir);
            if (Files.exists(logDir.resolve("meta.properties"))) {
                return;
            }
            Path config = Files.createTempFile("kraft-broker", ".properties");
            try (OutputStream out = Files.newOutputStream(config)) {
                props.store(out, "in-process KRaft broker");
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            int exit = StorageTool.execute(new String[] { "format", "-t", Uuid.randomUuid().toString(), "-c",
                    config.toString(), "--ignore-formatted" }, new PrintStream(output, true, StandardCharsets.UTF_8));
            Files.deleteIfExists(config);
            if (exit != 0) {
                throw new IllegalStateException("Could not format Kafka log directory " + logDir + ": "
                        + output.toString(StandardCharsets.UTF_8));
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ports of the client and controller listeners, never one port for both. */
    record ListenerPorts(int client, int controller) {

        /**
         * Free ports are found by binding two sockets at once: one bound and closed after the other could be given
         * the port just released, which the broker then refuses for its two listeners.
         *
         * @param requestedClient the client port, or 0 for any free port
         */
        static ListenerPorts choose(int requestedClient) {
            try (ServerSocket first = new ServerSocket(0); ServerSocket second = new ServerSocket(0)) {
                if (requestedClient == 0) {
                    return new ListenerPorts(first.getLocalPort(), second.getLocalPort());
                }
                int controller = second.getLocalPort() == requestedClient ? first.getLocalPort()
                        : second.getLocalPort();
                return new ListenerPorts(requestedClient, controller);
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
