package org.securechannel.context;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * A completed handshake, for JDK Flight Recorder. Its duration is the handshake's, from the first step to the
 * last. Fields named as in the JDK's {@code jdk.TLSHandshake} (peerHost, peerPort, protocolVersion, cipherSuite,
 * certificateId) so dashboards built for SunJSSE read ours too; the rest are what SunJSSE's event lacks.
 * Disabled unless a recording enables it (the shipped {@code securechannel.jfc} does).
 */
@Name("org.securechannel.Handshake")
@Label("TLS Handshake")
@Description("A TLS handshake that completed")
final class HandshakeEvent extends ConnectionEvent {
    @Label("Protocol Version")
    String protocolVersion;
    @Label("Cipher Suite")
    String cipherSuite;
    @Label("Named Group")
    String namedGroup;
    @Label("Signature Scheme")
    @Description("The scheme of the server's CertificateVerify")
    String signatureScheme;
    @Label("Resumed")
    boolean resumed;
    @Label("HelloRetryRequest")
    boolean helloRetryRequest;
    @Label("Application Protocol")
    String applicationProtocol;
    @Label("Certificate Id")
    @Description("hashCode of the peer's leaf certificate, as jdk.TLSHandshake and jdk.X509Certificate identify it")
    long certificateId;
}
