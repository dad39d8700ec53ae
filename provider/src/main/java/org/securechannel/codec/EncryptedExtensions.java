package org.securechannel.codec;

import java.util.List;

/** EncryptedExtensions (RFC 8446 §4.3.1): the server's extensions that need not be in the clear. */
public final class EncryptedExtensions implements HandshakeMessage {
    private final List<Extension> extensions;

    public EncryptedExtensions(List<Extension> extensions) {
        this.extensions = Extensions.copyOf(extensions);
    }

    public static EncryptedExtensions parse(byte[] body) throws AlertException {
        TlsReader r = new TlsReader(body, "EncryptedExtensions");
        List<Extension> exts = Extensions.parse(r);
        r.expectEnd();
        return new EncryptedExtensions(exts);
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.ENCRYPTED_EXTENSIONS;
    }

    @Override
    public void writeBody(TlsWriter w) {
        Extensions.write(w, extensions);
    }

    public List<Extension> extensions() {
        return extensions;
    }

    public Extension extension(int type) {
        return Extensions.find(extensions, type);
    }
}
