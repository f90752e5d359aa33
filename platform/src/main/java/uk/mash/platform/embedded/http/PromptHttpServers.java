package uk.mash.platform.embedded.http;

import java.io.IOException;
import java.net.InetSocketAddress;

import com.sun.net.httpserver.HttpServer;

/**
 * The JDK's HTTP server for the embedded schema registry and the local stack's stand-ins, with Nagle's algorithm off.
 * The server writes an answer's headers and its body as two segments; with Nagle on, the body waits for the client to
 * acknowledge the headers, which a client waiting for the body delays by 40 ms: every call took 40-45 ms, so the
 * notifier could deliver no more than about 23 webhook and Notify messages a second to the local stack's agencies.
 */
public final class PromptHttpServers {

    /** Read once, when the JVM creates its first such server; an explicit {@code -D} setting is left as given. */
    public static final String NO_DELAY = "sun.net.httpserver.nodelay";

    private PromptHttpServers() {
    }

    public static HttpServer create(InetSocketAddress address) throws IOException {
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
        return HttpServer.create(address, 0);
    }
}
