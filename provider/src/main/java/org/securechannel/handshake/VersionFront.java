package org.securechannel.handshake;

import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.NewSessionTicket;
import org.securechannel.record.RawHandshake;

/**
 * A handshake whose version is decided by the hellos. It starts as TLS 1.3's and, when the first hello of
 * the peer calls for TLS 1.2, hands over to TLS 1.2's; from then on it is simply that handshake. The
 * subclass for each role holds the one decision; everything else is passed through here.
 */
abstract class VersionFront implements Handshake {
    private Handshake chosen;

    VersionFront(Handshake initial) {
        this.chosen = initial;
    }

    /**
     * Sees each message before the chosen handshake does and returns the handshake that must read it: the
     * current one, or (once) another version's, which replaces it.
     */
    abstract Handshake route(Handshake current, RawHandshake message) throws AlertException;

    @Override
    public final void receive(RawHandshake message) throws AlertException {
        Handshake next = route(chosen, message);
        if (next != chosen) {
            chosen.destroy(); // the key shares of an offer the peer did not take
            chosen = next;
        }
        chosen.receive(message);
    }

    @Override
    public void start() throws AlertException {
        chosen.start();
    }

    @Override
    public boolean acceptsChangeCipherSpec() {
        return chosen.acceptsChangeCipherSpec();
    }

    @Override
    public void receiveChangeCipherSpec() throws AlertException {
        chosen.receiveChangeCipherSpec();
    }

    @Override
    public boolean isComplete() {
        return chosen.isComplete();
    }

    @Override
    public boolean awaitingCredentials() {
        return chosen.awaitingCredentials();
    }

    @Override
    public List<X500Principal> acceptableIssuers() {
        return chosen.acceptableIssuers();
    }

    @Override
    public void resumeWithCredentials(CertificateSelector selector) throws AlertException {
        chosen.resumeWithCredentials(selector);
    }

    @Override
    public void sendKeyUpdate(boolean requestPeerUpdate) throws AlertException {
        chosen.sendKeyUpdate(requestPeerUpdate);
    }

    @Override
    public boolean applicationProtocolDecided() {
        return chosen.applicationProtocolDecided();
    }

    @Override
    public HandshakeSummary summary() {
        return chosen.summary();
    }

    @Override
    public byte[] exportKeyingMaterial(String label, byte[] context, int length) throws AlertException {
        return chosen.exportKeyingMaterial(label, context, length);
    }

    @Override
    public int ticketsReceived() {
        return chosen.ticketsReceived();
    }

    @Override
    public List<NewSessionTicket> tickets() {
        return chosen.tickets();
    }

    @Override
    public void offerEarlyData(byte[] data) {
        chosen.offerEarlyData(data);
    }

    @Override
    public org.securechannel.session.EarlyDataStatus earlyDataStatus() {
        return chosen.earlyDataStatus();
    }

    @Override
    public boolean readingEarlyData() {
        return chosen.readingEarlyData();
    }

    @Override
    public void receiveEarlyData(java.nio.ByteBuffer content) throws AlertException {
        chosen.receiveEarlyData(content);
    }

    @Override
    public byte[] takeEarlyData() {
        return chosen.takeEarlyData();
    }

    @Override
    public byte[] exportEarlyKeyingMaterial(String label, byte[] context, int length) throws AlertException {
        return chosen.exportEarlyKeyingMaterial(label, context, length);
    }

    @Override
    public void destroy() {
        chosen.destroy();
    }
}
