package uk.mash.platform.embedded.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PromptHttpServersTest {

    private String before;

    @BeforeEach
    void rememberSetting() {
        before = System.getProperty(PromptHttpServers.NO_DELAY);
        System.clearProperty(PromptHttpServers.NO_DELAY);
    }

    @AfterEach
    void restoreSetting() {
        if (before == null) {
            System.clearProperty(PromptHttpServers.NO_DELAY);
        }
        else {
            System.setProperty(PromptHttpServers.NO_DELAY, before);
        }
    }

    @Test
    void turnsNagleOffForTheServersItCreates() throws IOException {
        HttpServer server = PromptHttpServers.create(new InetSocketAddress("127.0.0.1", 0));
        try {
            assertThat(server.getAddress().getPort()).isPositive();
            assertThat(System.getProperty(PromptHttpServers.NO_DELAY)).isEqualTo("true");
        }
        finally {
            server.stop(0);
        }
    }

    @Test
    void anExplicitSettingIsLeftAsGiven() throws IOException {
        System.setProperty(PromptHttpServers.NO_DELAY, "false");
        HttpServer server = PromptHttpServers.create(new InetSocketAddress("127.0.0.1", 0));
        server.stop(0);
        assertThat(System.getProperty(PromptHttpServers.NO_DELAY)).isEqualTo("false");
    }
}
