package org.securechannel.handshake.tls12;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.SignatureScheme;
import org.securechannel.crypto.SignatureSchemes;
import org.securechannel.handshake.CertificateSelector;
import org.securechannel.handshake.SelectedCertificate;
import org.securechannel.testing.TestPki;
import org.securechannel.testing.TestPki.KeyType;

/** The TLS 1.2 choice of certificate and signing scheme when an ECDSA scheme names only its hash (RFC 8422 §5.4). */
class Tls12SigningSchemeTest {
    private static final SignatureScheme SHA256 = SignatureScheme.ECDSA_SECP256R1_SHA256;
    private static final SignatureScheme SHA384 = SignatureScheme.ECDSA_SECP384R1_SHA384;
    private static final SignatureScheme SHA512 = SignatureScheme.ECDSA_SECP521R1_SHA512;
    private static TestPki.Issued p256;
    private static TestPki.Issued p384;
    private static TestPki.Issued rsa;

    @BeforeAll
    static void pki() {
        TestPki ca = TestPki.ca(KeyType.EC_P256);
        p256 = ca.issue(KeyType.EC_P256, "a.test");
        p384 = ca.issue(KeyType.EC_P384, "a.test");
        rsa = ca.issue(KeyType.RSA_2048, "a.test");
    }

    /** Like the configured-chains selector: the first scheme, in the order asked, that one of the keys has as its own. */
    private static CertificateSelector holding(List<List<SignatureScheme>> asked, TestPki.Issued... leaves) {
        return (schemes, issuers, name) -> {
            asked.add(List.copyOf(schemes));
            for (SignatureScheme s : schemes) {
                for (TestPki.Issued leaf : leaves) {
                    if (SignatureSchemes.keyMatches(s, leaf.key())) {
                        return new SelectedCertificate(leaf.chain(), leaf.key(), s);
                    }
                }
            }
            return null;
        };
    }

    private static SelectedCertificate select(List<SignatureScheme> usable, TestPki.Issued... leaves) throws AlertException {
        return Tls12SigningScheme.select(holding(new ArrayList<>(), leaves), usable, List.of(), null, null);
    }

    @Test
    void aP384KeySignsWithSha256WhenThatIsAllThePeerOffers() throws AlertException {
        SelectedCertificate c = select(List.of(SHA256), p384);
        assertEquals(p384.key(), c.key());
        assertEquals(SHA256, c.scheme());
    }

    @Test
    void theHashMatchingTheCurveIsPreferredWhenOffered() throws AlertException {
        assertEquals(SHA384, select(List.of(SHA256, SHA384), p384).scheme());
        assertEquals(SHA384, select(List.of(SHA512, SHA256, SHA384), p384).scheme());
        assertEquals(SHA256, select(List.of(SHA384, SHA256), p256).scheme());
    }

    @Test
    void withoutTheMatchingHashThePeersFirstEcdsaSchemeIsUsed() throws AlertException {
        assertEquals(SHA512, select(List.of(SignatureScheme.RSA_PSS_RSAE_SHA256, SHA512, SHA256), p384).scheme());
        assertEquals(SHA384, select(List.of(SHA384), p256).scheme());
    }

    @Test
    void aKeyOnTheOfferedCurveIsChosenBeforeAnotherCurvesKey() throws AlertException {
        SelectedCertificate c = select(List.of(SHA256), p384, p256);
        assertEquals(p256.key(), c.key());
        assertEquals(SHA256, c.scheme());
        c = select(List.of(SHA384), p256, p384);
        assertEquals(p384.key(), c.key());
    }

    @Test
    void theSelectorIsAskedForEachCurvesOwnSchemeOnlyAfterThePeersOwn() throws AlertException {
        List<List<SignatureScheme>> asked = new ArrayList<>();
        Tls12SigningScheme.select(holding(asked, p384), List.of(SHA256), List.of(), null, null);
        assertEquals(List.of(List.of(SHA256, SHA384, SHA512)), asked);
        asked.clear();
        List<SignatureScheme> rsaOnly = List.of(SignatureScheme.RSA_PSS_RSAE_SHA256, SignatureScheme.RSA_PKCS1_SHA256);
        Tls12SigningScheme.select(holding(asked, rsa), rsaOnly, List.of(), null, null);
        assertEquals(List.of(rsaOnly), asked, "RSA schemes are not curve-bound: asked as they are");
    }

    @Test
    void rsaAndMissingKeysAreUnchanged() throws AlertException {
        assertEquals(SignatureScheme.RSA_PKCS1_SHA256, select(List.of(SignatureScheme.RSA_PKCS1_SHA256), p384, rsa).scheme());
        assertNull(select(List.of(SignatureScheme.RSA_PSS_RSAE_SHA256), p384));
        assertNull(select(List.of(SHA256), rsa));
        assertNull(select(List.of(), p384));
    }
}
