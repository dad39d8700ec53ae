package org.securechannel.context;

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
 */
public record ConnectionInfo(ProtocolVersion version, CipherSuite cipherSuite, NamedGroup group,
        SignatureScheme signatureScheme, SignatureScheme clientSignatureScheme, boolean helloRetryRequest, boolean resumed) {
    /** A full handshake's. */
    public ConnectionInfo(ProtocolVersion version, CipherSuite cipherSuite, NamedGroup group, SignatureScheme signatureScheme,
            SignatureScheme clientSignatureScheme, boolean helloRetryRequest) {
        this(version, cipherSuite, group, signatureScheme, clientSignatureScheme, helloRetryRequest, false);
    }
}
