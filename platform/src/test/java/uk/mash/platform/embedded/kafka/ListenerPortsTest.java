package uk.mash.platform.embedded.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

/**
 * The broker's two listeners need two ports. Found one after the other, the second could be the port the first had
 * just released: a benchmark run on 6 December 2026 failed to start its broker that way.
 */
class ListenerPortsTest {

    private static final int TRIES = 500;

    @Test
    void anyFreePortsAreTwoDifferentPorts() {
        for (int i = 0; i < TRIES; i++) {
            KraftBroker.ListenerPorts ports = KraftBroker.ListenerPorts.choose(0);
            assertThat(ports.client()).isPositive();
            assertThat(ports.controller()).isPositive().isNotEqualTo(ports.client());
        }
    }

    @Test
    void aRequestedClientPortIsKeptAndTheControllerNeverTakesIt() throws IOException {
        for (int i = 0; i < TRIES; i++) {
            int justReleased;
            try (ServerSocket socket = new ServerSocket(0)) {
                justReleased = socket.getLocalPort();
            }
            KraftBroker.ListenerPorts ports = KraftBroker.ListenerPorts.choose(justReleased);
            assertThat(ports.client()).isEqualTo(justReleased);
            assertThat(ports.controller()).isPositive().isNotEqualTo(justReleased);
        }
    }
}
