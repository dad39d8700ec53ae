package org.securechannel.handshake.tls13;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.securechannel.codec.CertificateMessage;
import org.securechannel.codec.SignatureScheme;
import org.securechannel.handshake.SelectedCertificate;
import org.securechannel.testing.TestPki;

/** Our Certificate message, encoded once per chain of certificate objects. */
class OwnCertificateMessagesTest {
    private final TestPki pki = TestPki.ca(TestPki.KeyType.EC_P256);
    private final TestPki.Issued issued = pki.issue(TestPki.KeyType.EC_P256, "own.example");

    private static SelectedCertificate selected(List<X509Certificate> chain, TestPki.Issued issued) {
        return new SelectedCertificate(chain, issued.key(), SignatureScheme.ECDSA_SECP256R1_SHA256);
    }

    @Test
    void theSameChainIsEncodedOnceAndAsTheMessageWouldBe() throws Exception {
        byte[] first = OwnCertificateMessages.encoded(selected(issued.chain(), issued));
        // A key manager clones the chain array for each handshake: the certificate objects are what match.
        byte[] second = OwnCertificateMessages.encoded(selected(new ArrayList<>(issued.chain()), issued));
        assertSame(first, second);
        assertArrayEquals(PeerCertificates.encode(selected(issued.chain(), issued)).encode(), first);
        CertificateMessage parsed = CertificateMessage.parse(Arrays.copyOfRange(first, 4, first.length));
        assertEquals(0, parsed.requestContext().length);
        assertEquals(2, parsed.entries().size());
        assertArrayEquals(issued.leaf().getEncoded(), parsed.entries().get(0).certData());
    }

    @Test
    void anotherChainGetsItsOwnEncoding() throws Exception {
        byte[] first = OwnCertificateMessages.encoded(selected(issued.chain(), issued));
        TestPki.Issued other = pki.issue(TestPki.KeyType.EC_P256, "other.example");
        byte[] theOther = OwnCertificateMessages.encoded(selected(other.chain(), other));
        assertFalse(Arrays.equals(first, theOther));
        assertArrayEquals(PeerCertificates.encode(selected(other.chain(), other)).encode(), theOther);
        // The same leaf without its CA is another chain, and another message.
        byte[] leafOnly = OwnCertificateMessages.encoded(selected(List.of(issued.leaf()), issued));
        assertEquals(1, CertificateMessage.parse(Arrays.copyOfRange(leafOnly, 4, leafOnly.length)).entries().size());
        assertArrayEquals(first, OwnCertificateMessages.encoded(selected(issued.chain(), issued)));
    }

    @Test
    void noCertificateIsAnEmptyMessage() throws Exception {
        byte[] none = OwnCertificateMessages.encoded(null);
        assertArrayEquals(new byte[] {11, 0, 0, 4, 0, 0, 0, 0}, none);
    }
}
