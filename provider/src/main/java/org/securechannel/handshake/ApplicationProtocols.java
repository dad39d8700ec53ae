package org.securechannel.handshake;

import java.util.List;
import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.AlertException;

/** The server's ALPN choice (RFC 7301 §3.2), the same in TLS 1.2 and 1.3. */
public final class ApplicationProtocols {
    private ApplicationProtocols() {
    }

    /**
     * The protocol we answer with, or null for no ALPN. Without a selector: our most preferred protocol the
     * client offers, and none in common is no_application_protocol. With one, the caller's selector decides:
     * a protocol the client offered, "" for no ALPN, anything else is fatal. The selector sees only the names we
     * can send back byte for byte: one that was not UTF-8 reads with U+FFFD (see AlpnExtension), and echoing
     * that would name a protocol the client never offered, or one too long to encode.
     *
     * @param offered the client's list, or null when it sent no ALPN extension
     */
    public static String choose(HandshakeConfig config, List<String> offered) throws AlertException {
        if (offered == null) {
            return null;
        }
        if (config.applicationProtocolSelector() != null) {
            List<String> copy = offered.stream().filter(p -> p.indexOf('\uFFFD') < 0).toList();
            String chosen = config.applicationProtocolSelector().apply(copy);
            if (chosen != null && chosen.isEmpty()) {
                return null;
            }
            if (chosen == null || !copy.contains(chosen)) {
                throw new AlertException(AlertDescription.NO_APPLICATION_PROTOCOL, "the application protocol selector chose "
                        + (chosen == null ? "none" : "'" + chosen + "'") + " of the client's " + copy);
            }
            return chosen;
        }
        if (config.applicationProtocols().isEmpty()) {
            return null;
        }
        for (String p : config.applicationProtocols()) {
            if (offered.contains(p)) {
                return p;
            }
        }
        throw new AlertException(AlertDescription.NO_APPLICATION_PROTOCOL,
                "none of the client's application protocols " + offered + " is supported");
    }
}
