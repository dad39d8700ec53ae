package org.securechannel.context;

import java.util.Arrays;
import java.util.Objects;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.NamedGroup;
import org.securechannel.codec.ProtocolVersion;
import org.securechannel.codec.SignatureScheme;

/**
 * What was negotiated, after Schannel's SecPkgContext_ConnectionInfo.
 *
 * @param version             the protocol version
 * @param cipherSuite         the cipher suite
 * @param group               the key-exchange group
 * @param signatureScheme     the scheme of the server's CertificateVerify
 * @param clientSignatureScheme the scheme of the client's CertificateVerify, or null without client auth
 * @param helloRetryRequest   whether a HelloRetryRequest took place
 * @param resumed             whether an earlier session was resumed (fewer round trips, no certificates sent;
 *                            the group and signature schemes are then the full handshake's)
 * @param sessionId           TLS 1.2: the session ID of the ServerHello (RFC 5246 §7.4.1.3), the same when the
 *                            session is resumed; empty when the server gave none, and for TLS 1.3 (whose
 *                            legacy_session_id names no session)
 */
public record ConnectionInfo(ProtocolVersion version, CipherSuite cipherSuite, NamedGroup group,
        SignatureScheme signatureScheme, SignatureScheme clientSignatureScheme, boolean helloRetryRequest, boolean resumed,
        byte[] sessionId) {
    private static final byte[] NONE = new byte[0];

    public ConnectionInfo {
        sessionId = sessionId == null || sessionId.length == 0 ? NONE : sessionId.clone();
    }

    /** Without a session ID. */
    public ConnectionInfo(ProtocolVersion version, CipherSuite cipherSuite, NamedGroup group, SignatureScheme signatureScheme,
            SignatureScheme clientSignatureScheme, boolean helloRetryRequest, boolean resumed) {
        this(version, cipherSuite, group, signatureScheme, clientSignatureScheme, helloRetryRequest, resumed, NONE);
    }

    /** A full handshake's. */
    public ConnectionInfo(ProtocolVersion version, CipherSuite cipherSuite, NamedGroup group, SignatureScheme signatureScheme,
            SignatureScheme clientSignatureScheme, boolean helloRetryRequest) {
        this(version, cipherSuite, group, signatureScheme, clientSignatureScheme, helloRetryRequest, false);
    }

    @Override
    public byte[] sessionId() {
        return sessionId.length == 0 ? NONE : sessionId.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectionInfo c && version == c.version && cipherSuite == c.cipherSuite && group == c.group
                && signatureScheme == c.signatureScheme && clientSignatureScheme == c.clientSignatureScheme
                && helloRetryRequest == c.helloRetryRequest && resumed == c.resumed && Arrays.equals(sessionId, c.sessionId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, cipherSuite, group, signatureScheme, clientSignatureScheme, helloRetryRequest, resumed)
                * 31 + Arrays.hashCode(sessionId);
    }

    @Override
    public String toString() {
        return "ConnectionInfo[version=" + version + ", cipherSuite=" + cipherSuite + ", group=" + group + ", signatureScheme="
                + signatureScheme + ", clientSignatureScheme=" + clientSignatureScheme + ", helloRetryRequest="
                + helloRetryRequest + ", resumed=" + resumed + ", sessionId=" + sessionId.length + " bytes]";
    }
}
