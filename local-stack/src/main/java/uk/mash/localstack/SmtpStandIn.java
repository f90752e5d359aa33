package uk.mash.localstack;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The smallest SMTP server the notifier's mail client needs (HELO/EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT), for the
 * local stack only: every message accepted is parsed and handed on; nothing is relayed anywhere.
 */
final class SmtpStandIn implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SmtpStandIn.class);
    /** A mail session reads the providers on the class path when it is made: one for every message parsed. */
    private static final Session MIME_PARSING = Session.getInstance(new Properties());

    private final ServerSocket server;
    private final Consumer<AgencyInbox.ReceivedEmail> received;
    private final ExecutorService connections = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "smtp-stand-in");
        thread.setDaemon(true);
        return thread;
    });

    private SmtpStandIn(ServerSocket server, Consumer<AgencyInbox.ReceivedEmail> received) {
        this.server = server;
        this.received = received;
    }

    static SmtpStandIn start(int port, Consumer<AgencyInbox.ReceivedEmail> received) {
        try {
            SmtpStandIn smtp = new SmtpStandIn(new ServerSocket(port, 50, InetAddress.getLoopbackAddress()), received);
            smtp.connections.execute(smtp::accept);
            return smtp;
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot listen for SMTP on port " + port, e);
        }
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.execute(() -> converse(socket));
            }
            catch (IOException e) {
                if (!server.isClosed()) {
                    log.warn("SMTP stand-in could not accept a connection", e);
                }
            }
        }
    }

    private void converse(Socket socket) {
        try (socket;
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.UTF_8));
                PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8)) {
            reply(out, "220 localhost MASH local mail stand-in");
            List<String> recipients = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() < 4 ? line.toUpperCase(Locale.ROOT)
                        : line.substring(0, 4).toUpperCase(Locale.ROOT);
                switch (command) {
                    case "EHLO", "HELO" -> reply(out, "250 localhost");
                    case "MAIL" -> {
                        recipients.clear();
                        reply(out, "250 OK");
                    }
                    case "RCPT" -> {
                        recipients.add(line.substring(line.indexOf(':') + 1).trim().replaceAll("[<>]", ""));
                        reply(out, "250 OK");
                    }
                    case "DATA" -> {
                        reply(out, "354 End data with <CR><LF>.<CR><LF>");
                        received.accept(parse(readData(in), recipients));
                        reply(out, "250 OK");
                    }
                    case "RSET" -> {
                        recipients.clear();
                        reply(out, "250 OK");
                    }
                    case "NOOP" -> reply(out, "250 OK");
                    case "QUIT" -> {
                        reply(out, "221 Bye");
                        return;
                    }
                    default -> reply(out, "502 Command not implemented");
                }
            }
        }
        catch (IOException | MessagingException e) {
            log.warn("SMTP stand-in conversation failed", e);
        }
    }

    private static String readData(BufferedReader in) throws IOException {
        StringBuilder data = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null && !line.equals(".")) {
            data.append(line.startsWith("..") ? line.substring(1) : line).append("\r\n");
        }
        return data.toString();
    }

    private static AgencyInbox.ReceivedEmail parse(String data, List<String> recipients)
            throws MessagingException, IOException {
        MimeMessage message = new MimeMessage(MIME_PARSING,
                new ByteArrayInputStream(data.getBytes(StandardCharsets.UTF_8)));
        String[] keys = message.getHeader("Idempotency-Key");
        return new AgencyInbox.ReceivedEmail(message.getMessageID(), keys == null ? null : keys[0],
                List.copyOf(recipients), message.getSubject(), String.valueOf(message.getContent()).strip(), 1,
                Instant.now());
    }

    private static void reply(PrintWriter out, String line) {
        out.print(line + "\r\n");
        out.flush();
    }

    @Override
    public void close() {
        try {
            server.close();
        }
        catch (IOException e) {
            log.warn("SMTP stand-in did not close cleanly", e);
        }
        connections.shutdownNow();
    }
}
