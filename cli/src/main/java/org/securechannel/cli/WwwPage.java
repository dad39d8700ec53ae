package org.securechannel.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.securechannel.context.Reason;

/**
 * {@code server --www}: one HTTP/1.1 request answered with a page describing the connection (like {@code openssl
 * s_server -www}), then close_notify.
 *
 * <p>The page is HTTP/1.1 only, so the server never offers {@code h2} in ALPN with {@code --www}: a client that
 * picks h2 would send an HTTP/2 preface this page cannot answer. With {@code --www} the server's ALPN list is
 * {@code --alpn} without h2, or {@code http/1.1} alone when that leaves nothing: curl {@code --http2} then falls
 * back to HTTP/1.1, and a client that offers only h2 gets no_application_protocol at once rather than a
 * connection that hangs or answers garbage.
 */
final class WwwPage {
    static final String H2 = "h2";
    static final String HTTP_1_1 = "http/1.1";
    private static final int MAX_REQUEST_HEAD = 64 * 1024;
    /** How long, after answering, to wait for the client's close_notify so it sees an orderly close. */
    private static final int CLOSE_WAIT_MILLIS = 2000;

    private WwwPage() {
    }

    /**
     * The ALPN list a --www server offers: {@code requested} without h2, or http/1.1 alone; a line in
     * {@code notes} says so when h2 was asked for.
     */
    static List<String> applicationProtocols(List<String> requested, StringBuilder notes) {
        List<String> offered = new ArrayList<>(requested);
        boolean droppedH2 = offered.remove(H2);
        if (offered.isEmpty()) {
            offered.add(HTTP_1_1);
        }
        if (droppedH2) {
            notes.append("--www: not offering h2 (the page is HTTP/1.1 only); ALPN: ")
                    .append(String.join(",", offered)).append('\n');
        }
        return offered;
    }

    /** What to add to a failed connection's line: why a client that wanted only h2 was refused, or nothing. */
    static String whyRefused(Exception failure) {
        boolean noProtocol = failure instanceof TlsFailureException
                && ((TlsFailureException) failure).contextException().reason() == Reason.NO_APPLICATION_PROTOCOL;
        return noProtocol ? " (--www serves HTTP/1.1 only, so h2 is not offered)" : "";
    }

    /** Reads the request head (however it is split into records), answers in one record, then close_notify. */
    static void answer(ContextStream stream, ConnectionSummary summary, int timeoutMillis) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!HttpHead.complete(head.toByteArray())) {
            byte[] data = stream.read();
            if (data == null) {
                return; // closed before a whole request: nothing to answer
            }
            head.write(data);
            summary.received(data.length);
            if (head.size() > MAX_REQUEST_HEAD) {
                throw new IOException("request head larger than " + MAX_REQUEST_HEAD + " bytes");
            }
        }
        String body = "SecureChannel test server\n\n" + ConnectionReport.describe(stream.context())
                + "\nRequest: " + HttpHead.firstLine(head.toByteArray()) + "\n";
        // One answer per connection, said in the header, so an HTTP/1.1 client does not wait to send another.
        String response = "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + body;
        byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
        stream.write(bytes);
        summary.sent(bytes.length);
        stream.closeOutbound();
        stream.socket().setSoTimeout(Math.min(timeoutMillis, CLOSE_WAIT_MILLIS));
        try {
            while (stream.read() != null) {
                // a request body or pipelined requests: ignored, as the page answers one request
            }
        } catch (IOException ignored) {
            // the client may simply close; the answer has been delivered
        }
    }
}
