package org.securechannel.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.securechannel.crypto.HkdfTest.hex;

import org.junit.jupiter.api.Test;
import org.securechannel.codec.AlertDescription;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.NamedGroup;

class JdkX25519KeyShareTest {
    private static final CryptoBackend CRYPTO = CryptoBackend.defaultBackend();

    @Test
    void rfc8448KeysAndSharedSecret() throws Exception {
        JdkX25519KeyShare client = JdkX25519KeyShare.fromPrivateScalar(
                hex("49af42ba7f7994852d713ef2784bcbcaa7911de26adc5642cb634540e7ea5005"));
        JdkX25519KeyShare server = JdkX25519KeyShare.fromPrivateScalar(
                hex("b1580eeadf6dd589b8ef4f2d5652578cc810e9980191ec8d058308cea216a21e"));
        assertArrayEquals(hex("99381de560e4bd43d23d8e435a7dbafeb3c06e51c13cae4d5413691e529aaf2c"),
                client.publicValue());
        assertArrayEquals(hex("c9828876112095fe66762bdbf7c672e156d6cc253b833df1dd69b1b04e751f0f"),
                server.publicValue());
        byte[] expected = hex("8bd4054fb55b9d63fdfbacf9f04b9f0d35e6d63f537563efd46272900f89492d");
        assertArrayEquals(expected, client.sharedSecret(server.publicValue()));
        assertArrayEquals(expected, server.sharedSecret(client.publicValue()));
    }

    @Test
    void roundTrip() throws Exception {
        KeyShare a = CRYPTO.generateKeyShare(NamedGroup.X25519);
        KeyShare b = CRYPTO.generateKeyShare(NamedGroup.X25519);
        assertEquals(NamedGroup.X25519, a.group());
        assertEquals(32, a.publicValue().length);
        assertArrayEquals(a.sharedSecret(b.publicValue()), b.sharedSecret(a.publicValue()));
    }

    @Test
    void invalidPeerValuesAreIllegalParameter() throws Exception {
        KeyShare a = CRYPTO.generateKeyShare(NamedGroup.X25519);
        byte[] one = new byte[32];
        one[0] = 1;
        // A point of order 8 on Curve25519: its shared secret is all zero.
        byte[] order8 = hex("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800");
        byte[][] bad = {new byte[0], new byte[31], new byte[33], new byte[32], one, order8, null};
        for (byte[] peer : bad) {
            AlertException e = assertThrows(AlertException.class, () -> a.sharedSecret(peer));
            assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
        }
    }

    @Test
    void topBitIsMaskedAndEncodingIsLittleEndian() throws Exception {
        KeyShare a = CRYPTO.generateKeyShare(NamedGroup.X25519);
        KeyShare b = CRYPTO.generateKeyShare(NamedGroup.X25519);
        byte[] pub = b.publicValue();
        byte[] high = pub.clone();
        high[31] |= (byte) 0x80;
        assertArrayEquals(a.sharedSecret(pub), a.sharedSecret(high));
    }
}
