package org.securechannel.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.NamedGroup;

class JdkEcKeyShareTest {
    private static final CryptoBackend CRYPTO = CryptoBackend.defaultBackend();
    private static final BigInteger P256 = new BigInteger(
            "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", 16);
    private static final BigInteger P384 = new BigInteger(
            "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff", 16);

    @ParameterizedTest
    @EnumSource(value = NamedGroup.class, names = {"SECP256R1", "SECP384R1"})
    void roundTrip(NamedGroup group) throws Exception {
        KeyShare a = CRYPTO.generateKeyShare(group);
        KeyShare b = CRYPTO.generateKeyShare(group);
        assertEquals(group, a.group());
        byte[] pub = a.publicValue();
        assertEquals(group.keyShareLength(), pub.length);
        assertEquals(4, pub[0]);
        byte[] s1 = a.sharedSecret(b.publicValue());
        assertArrayEquals(s1, b.sharedSecret(pub));
        assertEquals((group.keyShareLength() - 1) / 2, s1.length);
    }

    @ParameterizedTest
    @EnumSource(value = NamedGroup.class, names = {"SECP256R1", "SECP384R1"})
    void invalidPeerValuesAreIllegalParameter(NamedGroup group) throws Exception {
        KeyShare a = CRYPTO.generateKeyShare(group);
        byte[] good = CRYPTO.generateKeyShare(group).publicValue();
        int f = (good.length - 1) / 2;

        byte[] compressed = new byte[1 + f];
        System.arraycopy(good, 1, compressed, 1, f);
        compressed[0] = 2;
        byte[] prefix2 = good.clone();
        prefix2[0] = 2;
        byte[] offCurve = good.clone();
        offCurve[good.length - 1] ^= 1;
        byte[] xTooBig = good.clone();
        putFixed(group == NamedGroup.SECP256R1 ? P256 : P384, xTooBig, 1, f);
        byte[] yTooBig = good.clone();
        // y + p has the same residue, so only the range check can catch it (when it still fits).
        BigInteger p = group == NamedGroup.SECP256R1 ? P256 : P384;
        putFixed(p, yTooBig, 1 + f, f);
        byte[] identity = new byte[good.length];
        identity[0] = 4;
        byte[] longer = java.util.Arrays.copyOf(good, good.length + 1);
        byte[] shorter = java.util.Arrays.copyOf(good, good.length - 1);

        byte[][] bad = {new byte[0], new byte[] {0}, compressed, prefix2, offCurve, xTooBig, yTooBig, identity,
            longer, shorter, null};
        for (byte[] peer : bad) {
            AlertException e = assertThrows(AlertException.class, () -> a.sharedSecret(peer));
            assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
        }
    }

    private static void putFixed(BigInteger v, byte[] out, int offset, int len) {
        byte[] b = v.toByteArray();
        int n = Math.min(b.length, len);
        System.arraycopy(b, b.length - n, out, offset + len - n, n);
    }
}
