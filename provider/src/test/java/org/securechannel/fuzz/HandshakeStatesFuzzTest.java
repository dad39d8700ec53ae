package org.securechannel.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Test;

/**
 * Each TLS 1.3 handshake state's {@code receive}, reached through a real SecurityContext: a scripted peer
 * ({@link ServerScript} against a client context, {@link ClientScript} against a server context) sends the
 * flight message by message and the fuzzer edits any message ({@link Edits} describes the input). The
 * script keeps keys, CertificateVerify and Finished right for what it actually sent, so a mutation the
 * context accepts leads on to the next state, through to the post-handshake ones (KeyUpdate,
 * NewSessionTicket) and decrypt.
 */
class HandshakeStatesFuzzTest {

    /** Client states: ServerHello/HRR, EncryptedExtensions, CertificateRequest, Certificate, CertificateVerify, Finished, Connected. */
    @FuzzTest(maxDuration = "30s")
    void clientStates(byte[] input) {
        Oracle.engine(() -> ServerScript.run(new Edits(input)));
    }

    /** Server states: ClientHello (both), client Certificate, CertificateVerify, Finished, Connected. */
    @FuzzTest(maxDuration = "30s")
    void serverStates(byte[] input) {
        Oracle.engine(() -> ClientScript.run(new Edits(input)));
    }

    /** Without edits the scripts are correct peers: otherwise the fuzzer would never get past the first state. */
    @Test
    void uneditedScriptsCompleteHandshakes() throws Exception {
        for (int options : new int[] {0, 0x01, 0x02, 0x04, 0x09, 0x10, 0x30, 0x50, 0x80, 0x97}) {
            assertTrue(ServerScript.run(new Edits(new byte[] {(byte) options})), "server script, options " + options);
        }
        for (int options : new int[] {0, 0x01, 0x02, 0x04, 0x10, 0x30, 0x50, 0x80, 0x97}) {
            assertTrue(ClientScript.run(new Edits(new byte[] {(byte) options})), "client script, options " + options);
        }
    }
}
