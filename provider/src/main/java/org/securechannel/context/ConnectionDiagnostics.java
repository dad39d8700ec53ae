package org.securechannel.context;

import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.ContentType;
import org.securechannel.codec.HandshakeType;
import org.securechannel.handshake.HandshakeObserver;
import org.securechannel.handshake.HandshakeSummary;
import org.securechannel.record.RawHandshake;

/**
 * Everything one security context tells the outside about itself: the key log (secrets from the key schedules),
 * the debug log (messages, negotiated parameters, alerts, handshake-time record headers) and the JFR events
 * (Handshake, HandshakeFailure, KeyUpdate). The context calls it at a handful of points; none is on the path of
 * application-data records. Whether DEBUG and TRACE are on is asked once per context, so a disabled logger costs
 * a field read.
 */
final class ConnectionDiagnostics implements HandshakeObserver {
    private final KeyLog keyLog;
    private final boolean client;
    private final String peerHost;
    private final int peerPort;
    private final boolean debug;
    private final boolean traceRecords;
    private HandshakeEvent handshakeEvent;
    private boolean keyLogFailed;

    ConnectionDiagnostics(Credentials credentials, String serverName) {
        this.keyLog = credentials.keyLog();
        this.client = credentials.role() == Credentials.Role.CLIENT;
        this.peerHost = credentials.peerHost() != null ? credentials.peerHost() : serverName;
        this.peerPort = credentials.peerPort();
        this.debug = DebugLog.HANDSHAKE.isLoggable(Level.DEBUG);
        this.traceRecords = DebugLog.RECORD.isLoggable(Level.TRACE);
    }

    // ---------------------------------------------------------------- from the handshake

    @Override
    public boolean wantsSecrets() {
        return keyLog != null;
    }

    @Override
    public void secret(String label, byte[] clientRandom, byte[] secret) {
        try {
            keyLog.log(label, clientRandom, secret);
        } catch (RuntimeException e) {
            // A key log must never break a handshake; KeyLog.toFile logs its own failures, a callback's we note once.
            if (!keyLogFailed) {
                keyLogFailed = true;
                DebugLog.CONTEXT.log(Level.WARNING, "the KeyLog failed (" + e + "); the handshake goes on");
            }
        }
    }

    @Override
    public void messageSent(byte[] encoded) {
        if (debug) {
            DebugLog.HANDSHAKE.log(Level.DEBUG, who() + HandshakeMessageText.describe(true, encoded));
        }
    }

    // ---------------------------------------------------------------- from the context

    void started() {
        HandshakeEvent event = new HandshakeEvent();
        if (event.isEnabled()) {
            event.begin();
            handshakeEvent = event;
        }
        if (debug) {
            DebugLog.HANDSHAKE.log(Level.DEBUG, who() + "handshake starts" + (peerHost == null ? "" : " with " + peer()));
        }
    }

    /** A whole handshake message from the peer, before the handshake sees it. */
    void received(RawHandshake message, boolean established) {
        if (debug) {
            DebugLog.HANDSHAKE.log(Level.DEBUG, who() + HandshakeMessageText.describe(false, message.encoded()));
        }
        if (established && message.type() == HandshakeType.KEY_UPDATE) {
            byte[] m = message.encoded();
            keyUpdate("received", "peer", m.length == 5 && m[4] == 1);
        }
    }

    void established(HandshakeSummary s) {
        if (DebugLog.CONTEXT.isLoggable(Level.DEBUG)) {
            DebugLog.CONTEXT.log(Level.DEBUG, who() + "handshake complete: " + s.version().jsseName() + " " + s.suite()
                    + " group=" + (s.group() == null ? null : s.group().ianaName())
                    + " server_signature=" + (s.serverScheme() == null ? null : s.serverScheme().ianaName())
                    + (s.clientScheme() == null ? "" : " client_signature=" + s.clientScheme().ianaName())
                    + " hello_retry_request=" + s.helloRetryRequest() + " resumed=" + s.resumed()
                    + " alpn=" + s.applicationProtocol() + " server_name=" + s.serverName()
                    + " peer_certificates=" + s.peerChain().size());
        }
        HandshakeEvent event = handshakeEvent;
        handshakeEvent = null;
        if (event == null) {
            return;
        }
        event.end();
        if (event.shouldCommit()) {
            event.connection(peerHost, peerPort, client);
            event.protocolVersion = s.version().jsseName();
            event.cipherSuite = s.suite() == null ? null : s.suite().jsseName();
            event.namedGroup = s.group() == null ? null : s.group().ianaName();
            event.signatureScheme = s.serverScheme() == null ? null : s.serverScheme().ianaName();
            event.resumed = s.resumed();
            event.helloRetryRequest = s.helloRetryRequest();
            event.applicationProtocol = s.applicationProtocol();
            X509Certificate leaf = s.peerChain().isEmpty() ? null : s.peerChain().get(0);
            event.certificateId = leaf == null ? 0 : leaf.hashCode();
            event.commit();
        }
    }

    /** The connection ended in a fatal alert: {@code local} when we sent it, else the peer did. */
    void failed(AlertDescription alert, String reason, boolean local, boolean duringHandshake) {
        DebugLog.CONTEXT.log(Level.DEBUG, () -> who() + (local ? "sending" : "received") + " fatal alert "
                + (alert == null ? "?" : alert.rfcName()) + (reason == null ? "" : ": " + reason));
        handshakeEvent = null;
        if (!duringHandshake) {
            return;
        }
        HandshakeFailureEvent event = new HandshakeFailureEvent();
        if (event.shouldCommit()) {
            event.connection(peerHost, peerPort, client);
            event.alert = alert == null ? null : alert.rfcName();
            event.reason = reason;
            event.alertSentBy = local ? "local" : "peer";
            event.commit();
        }
    }

    /** A KeyUpdate: {@code direction} sent or received; {@code cause} application, key limit or peer. */
    void keyUpdate(String direction, String cause, boolean updateRequested) {
        DebugLog.CONTEXT.log(Level.DEBUG, () -> who() + "KeyUpdate " + direction + " (" + cause + ", update_requested="
                + updateRequested + ")");
        KeyUpdateEvent event = new KeyUpdateEvent();
        if (event.shouldCommit()) {
            event.connection(peerHost, peerPort, client);
            event.direction = direction;
            event.cause = cause;
            event.updateRequested = updateRequested;
            event.commit();
        }
    }

    /** TRACE: the header of the record at {@code at}'s position (read by step, never application data). */
    void recordHeader(boolean inbound, ByteBuffer at) {
        if (traceRecords && at.remaining() >= 5) {
            traceHeader(inbound, at, at.position());
        }
    }

    /** TRACE: the headers of the records step wrote into {@code out} from {@code from} on. */
    void recordsWritten(ByteBuffer out, int from) {
        if (!traceRecords) {
            return;
        }
        for (int p = from; p + 5 <= out.position(); p += 5 + ((out.get(p + 3) & 0xFF) << 8 | out.get(p + 4) & 0xFF)) {
            traceHeader(false, out, p);
        }
    }

    private void traceHeader(boolean inbound, ByteBuffer at, int p) {
        ContentType type = ContentType.of(at.get(p) & 0xFF);
        int version = (at.get(p + 1) & 0xFF) << 8 | at.get(p + 2) & 0xFF;
        int length = (at.get(p + 3) & 0xFF) << 8 | at.get(p + 4) & 0xFF;
        DebugLog.RECORD.log(Level.TRACE, String.format("%s%s record: type=%s version=0x%04x length=%d", who(),
                inbound ? "inbound" : "outbound", type == null ? "0x" + Integer.toHexString(at.get(p) & 0xFF) : type,
                version, length));
    }

    private String role() {
        return client ? "client" : "server";
    }

    private String peer() {
        return peerPort < 0 ? peerHost : peerHost + ":" + peerPort;
    }

    private String who() {
        return role() + (peerHost == null ? "" : " " + peer()) + ": ";
    }
}
