package org.securechannel.handshake;

import java.security.cert.X509Certificate;
import java.util.List;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.NamedGroup;
import org.securechannel.codec.ProtocolVersion;
import org.securechannel.codec.SignatureScheme;

/**
 * What a completed handshake negotiated.
 *
 * @param serverScheme  the scheme of the server's CertificateVerify
 * @param clientScheme  the scheme of the client's CertificateVerify, or null
 * @param peerChain     the peer's certificates, leaf first (empty when it sent none)
 * @param applicationProtocol the ALPN protocol, or null
 * @param serverName    the SNI host name (what the client sent)
 * @param resumed       whether the handshake resumed an earlier session (no certificates were sent)
 * @param sessionId     TLS 1.2: the session ID of the ServerHello (empty when the server will not resume it);
 *                      TLS 1.3: empty (there is no session ID)
 */
public record HandshakeSummary(ProtocolVersion version, CipherSuite suite, NamedGroup group,
        SignatureScheme serverScheme, SignatureScheme clientScheme, boolean helloRetryRequest,
        List<X509Certificate> peerChain, String applicationProtocol, String serverName, boolean resumed,
        byte[] sessionId) {
    public HandshakeSummary {
        sessionId = sessionId == null ? new byte[0] : sessionId.clone();
    }

    /** Without a session ID: TLS 1.3, or a handshake not yet that far. */
    public HandshakeSummary(ProtocolVersion version, CipherSuite suite, NamedGroup group, SignatureScheme serverScheme,
            SignatureScheme clientScheme, boolean helloRetryRequest, List<X509Certificate> peerChain,
            String applicationProtocol, String serverName, boolean resumed) {
        this(version, suite, group, serverScheme, clientScheme, helloRetryRequest, peerChain, applicationProtocol,
                serverName, resumed, null);
    }

    @Override
    public byte[] sessionId() {
        return sessionId.clone();
    }
}
