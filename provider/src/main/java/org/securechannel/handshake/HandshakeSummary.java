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
 */
public record HandshakeSummary(ProtocolVersion version, CipherSuite suite, NamedGroup group,
        SignatureScheme serverScheme, SignatureScheme clientScheme, boolean helloRetryRequest,
        List<X509Certificate> peerChain, String applicationProtocol, String serverName, boolean resumed) {
}
