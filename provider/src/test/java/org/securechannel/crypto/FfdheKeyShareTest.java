package org.securechannel.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import javax.crypto.interfaces.DHPrivateKey;
import javax.crypto.interfaces.DHPublicKey;
import javax.crypto.spec.DHParameterSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.securechannel.codec.NamedGroup;
import org.securechannel.testing.Rfc7919;

/** The RFC 7919 groups: the primes themselves, and the fixed-length encodings TLS 1.3 asks for. */
class FfdheKeyShareTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Our hex constants are exactly the primes RFC 7919's formula gives; p and (p-1)/2 are prime; g = 2. */
    @ParameterizedTest
    @EnumSource(value = NamedGroup.class, names = {"FFDHE2048", "FFDHE3072", "FFDHE4096"})
    void primesAreTheRfc7919SafePrimes(NamedGroup group) {
        DHParameterSpec params = FfdheKeyShare.parametersOf(group);
        assertEquals(Rfc7919.prime(group), params.getP());
        assertEquals(BigInteger.TWO, params.getG());
        assertEquals(params.getP().bitLength() / 8, group.keyShareLength());
        assertTrue(params.getP().isProbablePrime(64));
        assertTrue(params.getP().shiftRight(1).isProbablePrime(64), "(p-1)/2 must be prime: a safe prime");
    }

    /**
     * The shared secret is Z = y^x mod p at the prime's full length (RFC 8446 §7.4.1), leading zeros kept, and
     * equal to what plain modular arithmetic with the peer's exponent gives. For ffdhe2048 this runs until a
     * secret with a leading zero byte turned up (1 in 256), so that the padding is really exercised; the larger
     * groups, slower, are checked on a few values.
     */
    @ParameterizedTest
    @EnumSource(value = NamedGroup.class, names = {"FFDHE2048", "FFDHE3072", "FFDHE4096"})
    void sharedSecretIsZAtThePrimesLength(NamedGroup group) throws Exception {
        DHParameterSpec params = FfdheKeyShare.parametersOf(group);
        int n = group.keyShareLength();
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("DH");
        kpg.initialize(new DHParameterSpec(params.getP(), params.getG(), 160), RANDOM);
        boolean huntLeadingZero = group == NamedGroup.FFDHE2048;
        boolean sawLeadingZero = false;
        for (int i = 0; huntLeadingZero ? i < 4000 && !sawLeadingZero : i < 8; i++) {
            KeyShare ours = FfdheKeyShare.generate(group, RANDOM);
            assertEquals(n, ours.publicValue().length);
            KeyPair peer = kpg.generateKeyPair();
            byte[] peerValue = Rfc7919.fixed(((DHPublicKey) peer.getPublic()).getY(), n);
            BigInteger z = new BigInteger(1, ours.publicValue()).modPow(((DHPrivateKey) peer.getPrivate()).getX(), params.getP());
            byte[] secret = ours.sharedSecret(peerValue);
            assertArrayEquals(Rfc7919.fixed(z, n), secret);
            sawLeadingZero = secret[0] == 0;
        }
        assertTrue(sawLeadingZero || !huntLeadingZero, "no secret with a leading zero byte in 4000 tries");
    }

    /** Our public value keeps its leading zeros too (RFC 8446 §4.2.8.1). */
    @ParameterizedTest
    @EnumSource(value = NamedGroup.class, names = {"FFDHE2048"})
    void publicValueKeepsLeadingZeros(NamedGroup group) throws Exception {
        BigInteger p = FfdheKeyShare.parametersOf(group).getP();
        boolean sawLeadingZero = false;
        for (int i = 0; i < 4000 && !sawLeadingZero; i++) {
            byte[] y = FfdheKeyShare.generate(group, RANDOM).publicValue();
            assertEquals(group.keyShareLength(), y.length);
            BigInteger v = new BigInteger(1, y);
            assertTrue(v.compareTo(BigInteger.ONE) > 0 && v.compareTo(p.subtract(BigInteger.ONE)) < 0);
            sawLeadingZero = y[0] == 0;
        }
        assertTrue(sawLeadingZero, "no public value with a leading zero byte in 4000 tries");
    }
}
