package uk.mash.notify.delivery;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SMTP server on a free local port that answers each recipient by its mailbox: {@code unknown@} is refused for
 * good (550), {@code full@} for now (452), and a message to {@code blocked@} is refused for good once its content is
 * sent (554); any other is accepted. The local stack's SMTP stand-in accepts every message, so cannot show a refusal.
 */
final class RefusingMailServer implements AutoCloseable {

    private final ServerSocket server;
    private final ExecutorService connections = Executors.newCachedThreadPool();
    private final List<String> accepted = new CopyOnWriteArrayList<>();
    private final AtomicInteger connectionsAccepted = new AtomicInteger();

    RefusingMailServer() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        connections.execute(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    /** The recipients of every message accepted. */
    List<String> accepted() {
        return accepted;
    }

    /** How many connections it has taken. */
    int connectionsAccepted() {
        return connectionsAccepted.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connectionsAccepted.incrementAndGet();
                connections.execute(() -> converse(socket));
            }
            catch (IOException closed) {
                return;
            }
        }
    }

    private void converse(Socket socket) {
        try (socket;
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.UTF_8));
                PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8)) {
            reply(out, "220 localhost");
            List<String> recipients = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                switch (line.length() < 4 ? "" : line.substring(0, 4).toUpperCase(Locale.ROOT)) {
                    case "EHLO", "HELO", "NOOP" -> reply(out, "250 OK");
                    case "MAIL", "RSET" -> {
                        recipients.clear();
                        reply(out, "250 OK");
                    }
                    case "RCPT" -> {
                        String recipient = line.substring(line.indexOf('<') + 1, line.indexOf('>'));
                        if (recipient.startsWith("unknown@")) {
                            reply(out, "550 5.1.1 Mailbox unknown");
                        }
                        else if (recipient.startsWith("full@")) {
                            reply(out, "452 4.2.2 Mailbox full, try again later");
                        }
                        else {
                            recipients.add(recipient);
                            reply(out, "250 OK");
                        }
                    }
                    case "DATA" -> {
                        reply(out, "354 End data with <CR><LF>.<CR><LF>");
                        in.lines().takeWhile(data -> !data.equals(".")).count();
                        if (recipients.stream().anyMatch(recipient -> recipient.startsWith("blocked@"))) {
                            reply(out, "554 5.7.1 Message refused");
                        }
                        else {
                            accepted.addAll(recipients);
                            reply(out, "250 OK");
                        }
                    }
                    case "QUIT" -> {
                        reply(out, "221 Bye");
                        return;
                    }
                    default -> reply(out, "502 Command not implemented");
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void reply(PrintWriter out, String line) {
        out.print(line + "\r\n");
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        connections.shutdownNow();
    }
}
