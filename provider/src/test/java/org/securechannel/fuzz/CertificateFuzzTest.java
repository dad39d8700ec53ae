package org.securechannel.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.securechannel.codec.CertificateMessage;

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
