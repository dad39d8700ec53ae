package org.securechannel.cli;

import java.nio.charset.StandardCharsets;

/** Just enough HTTP to find the end of a request head, whatever records it arrived in. */
final class HttpHead {
    private HttpHead() {
    }

    /** Whether the bytes hold a blank line (CRLF CRLF, or LF LF from hand-typed requests). */
    static boolean complete(byte[] data) {
        for (int i = 0; i + 1 < data.length; i++) {
            if (data[i] == '\n' && data[i + 1] == '\n') {
                return true;
            }
            if (i + 3 < data.length && data[i] == '\r' && data[i + 1] == '\n' && data[i + 2] == '\r'
                    && data[i + 3] == '\n') {
                return true;
            }
        }
        return false;
    }

    /** The request line, e.g. "GET / HTTP/1.0". */
    static String firstLine(byte[] data) {
        String s = new String(data, StandardCharsets.ISO_8859_1);
        int end = s.indexOf('\n');
        return (end < 0 ? s : s.substring(0, end)).trim();
    }
}
