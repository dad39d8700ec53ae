package org.securechannel.codec;

/** KeyUpdate (RFC 8446 §4.6.3): one byte, update_not_requested(0) or update_requested(1). */
public final class KeyUpdate implements HandshakeMessage {
    private final boolean updateRequested;

    public KeyUpdate(boolean updateRequested) {
        this.updateRequested = updateRequested;
    }

    public static KeyUpdate parse(byte[] body) throws AlertException {
        TlsReader r = new TlsReader(body, "KeyUpdate");
        int v = r.u8();
        r.expectEnd();
        if (v > 1) {
            // §4.6.3: any other value MUST be answered with illegal_parameter.
            throw AlertException.illegalParameter("KeyUpdate: request_update " + v);
        }
        return new KeyUpdate(v == 1);
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.KEY_UPDATE;
    }

    @Override
    public void writeBody(TlsWriter w) {
        w.u8(updateRequested ? 1 : 0);
    }

    public boolean updateRequested() {
        return updateRequested;
    }
}
