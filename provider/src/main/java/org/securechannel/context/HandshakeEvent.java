package org.securechannel.context;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A completed handshake, for JDK Flight Recorder. Its duration is the handshake's, from the first step to the
 * last. Fields named as in the JDK's {@code jdk.TLSHandshake} (peerHost, peerPort, protocolVersion, cipherSuite,
 * certificateId) so dashboards built for SunJSSE read ours too; the rest are what SunJSSE's event lacks.
 * Disabled unless a recording enables it (the shipped {@code securechannel.jfc} does).
 */
@Name("org.securechannel.Handshake")
@Label("TLS Handshake")
@Category({"Java Application", "SecureChannel"})
@Description("A TLS handshake that completed")
@Enabled(false)
@StackTrace(false)
final class HandshakeEvent extends jdk.jfr.Event {
    @Label("Peer Host")
    String peerHost;
    @Label("Peer Port")
    int peerPort;
    @Label("Role")
    @Description("client or server: which side this process played")
    String role;
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
