package org.securechannel.handshake;

import org.securechannel.codec.AlertException;
import org.securechannel.codec.ProtocolVersion;
import org.securechannel.codec.ServerHello;

/**
 * RFC 8446 §4.1.3: a TLS 1.3-capable server that negotiates an older version puts a sentinel in the last
 * eight bytes of its random. A client that offered TLS 1.3 and gets an older ServerHello carrying it is being
 * downgraded by someone in between, and aborts with illegal_parameter.
 */
public final class DowngradeProtection {
    private DowngradeProtection() {
    }

    /** Called on every ServerHello that selects a version below TLS 1.3. */
    public static void check(HandshakeConfig config, ServerHello hello) throws AlertException {
        if (config.enables(ProtocolVersion.TLS13) && hello.hasDowngradeSentinel()) {
            throw AlertException.illegalParameter("ServerHello below TLS 1.3 carries the downgrade sentinel: TLS 1.3 was offered");
        }
    }
}
