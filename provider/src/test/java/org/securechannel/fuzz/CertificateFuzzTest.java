package org.securechannel.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.securechannel.codec.CertificateMessage;
import org.securechannel.codec.SignatureScheme;

/**
 * Certificates as the handshake takes them: the fuzzed bytes are the cert_data of the peer's one
 * CertificateEntry, carried in an otherwise correct handshake by a scripted peer, so they go through the
 * Certificate codec, the JDK's CertificateFactory as the handshake calls it, the trust manager and, for a
 * certificate that still validates, the CertificateVerify check against its key.
 */
class CertificateFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void serverCertificate(byte[] der) {
        Oracle.engine(() -> ServerScript.run(new Edits(Edits.encode(0, 3, 0, certificateMessage(der)))));
    }

    /**
     * The client validates nothing itself (manual validation), so any certificate that parses goes on to
     * CertificateVerify: its key, of whatever type and shape, meets the signature scheme the first byte picks
     * (the signature stays the script's Ed25519 one, so it must not verify, and must fail with a protocol alert).
     */
    @FuzzTest(maxDuration = "20s")
    void serverCertificateKey(byte[] data) {
        if (data.length < 1) {
            return;
        }
        SignatureScheme[] schemes = SignatureScheme.values();
        int scheme = schemes[(data[0] & 0xFF) % schemes.length].code() ^ SignatureScheme.ED25519.code();
        byte[] der = java.util.Arrays.copyOfRange(data, 1, data.length);
        Oracle.engine(() -> ServerScript.run(new Edits(Edits.encode(0, 3, 0, certificateMessage(der),
                4, 1, new byte[] {0, 4, (byte) (scheme >>> 8), (byte) scheme})), true));
    }

    /** The server requires a client certificate (option bit 0); slot 1 is the client's Certificate. */
    @FuzzTest(maxDuration = "20s")
    void clientCertificate(byte[] der) {
        Oracle.engine(() -> ClientScript.run(new Edits(Edits.encode(1, 1, 0, certificateMessage(der)))));
    }

    private static byte[] certificateMessage(byte[] der) {
        if (der.length == 0 || der.length > 0xFFFFFF) {
            return new CertificateMessage(new byte[0], List.of()).encode();
        }
        return new CertificateMessage(new byte[0], List.of(new CertificateMessage.CertificateEntry(der, List.of()))).encode();
    }
}
