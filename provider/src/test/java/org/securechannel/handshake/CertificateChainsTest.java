package org.securechannel.handshake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.cert.X509Certificate;
import java.util.List;
import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.AlertException;
import org.securechannel.testing.TestPki;
import org.junit.jupiter.api.Test;

/** Peer chains in (with the cache of certificates parsed before) and our chain out. */
class CertificateChainsTest {
    private final TestPki.Issued issued = TestPki.ca(TestPki.KeyType.EC_P256).issue(TestPki.KeyType.EC_P256, "chains.example");

    @Test
    void aChainParsedTwiceGivesTheSameCertificatesWithoutParsingAgain() throws Exception {
        List<byte[]> der = CertificateChains.encode(issued.chain());
        List<X509Certificate> first = CertificateChains.parse(der);
        List<X509Certificate> second = CertificateChains.parse(CertificateChains.encode(issued.chain()));
        assertEquals(issued.chain(), first);
        for (int i = 0; i < first.size(); i++) {
            assertSame(first.get(i), second.get(i), "entry " + i + " parsed again");
            assertSame(first.get(i), ParsedCertificates.find(der.get(i)), "entry " + i + " is kept by its bytes");
        }
    }

    @Test
    void theCacheKeepsItsOwnCopyOfTheBytes() throws Exception {
        byte[] leaf = issued.leaf().getEncoded();
        X509Certificate parsed = CertificateChains.parse(List.of(leaf)).get(0);
        leaf[leaf.length - 1] ^= 1; // the caller reuses its array: the cached entry must not change with it
        assertNull(ParsedCertificates.find(leaf), "other bytes, no entry");
        assertSame(parsed, CertificateChains.parse(List.of(issued.leaf().getEncoded())).get(0));
        X509Certificate other = CertificateChains.parse(List.of(leaf)).get(0); // a changed signature still parses
        assertNotSame(parsed, other);
        assertArrayEquals(leaf, other.getEncoded());
    }

    @Test
    void anEntryThatIsNoCertificateIsBadCertificateEvenAfterGoodOnes() throws Exception {
        CertificateChains.parse(CertificateChains.encode(issued.chain()));
        byte[] junk = {0x30, 0x03, 0x02, 0x01, 0x05};
        AlertException e = assertThrows(AlertException.class,
                () -> CertificateChains.parse(List.of(issued.leaf().getEncoded(), junk)));
        assertEquals(AlertDescription.BAD_CERTIFICATE, e.alert());
    }
}
