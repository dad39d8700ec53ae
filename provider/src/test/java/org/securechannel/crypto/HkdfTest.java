package org.securechannel.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.securechannel.codec.CipherSuite;

class HkdfTest {
    private static final CryptoBackend CRYPTO = CryptoBackend.defaultBackend();

    static byte[] hex(String s) {
        String d = s.replaceAll("[^0-9a-fA-F]", "");
        byte[] out = new byte[d.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(d.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    @Test
    void rfc5869TestCase1() {
        byte[] ikm = hex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
        byte[] salt = hex("000102030405060708090a0b0c");
        byte[] info = hex("f0f1f2f3f4f5f6f7f8f9");
        byte[] prk = CRYPTO.hkdfExtract(CipherSuite.Hash.SHA256, salt, ikm);
        assertArrayEquals(hex("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5"), prk);
        assertArrayEquals(hex("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"),
                CRYPTO.hkdfExpand(CipherSuite.Hash.SHA256, prk, info, 42));
    }

    @Test
    void nullAndEmptySaltAreHashLenZeros() {
        byte[] ikm = {1, 2, 3};
        byte[] zeros = CRYPTO.hkdfExtract(CipherSuite.Hash.SHA384, new byte[48], ikm);
        assertArrayEquals(zeros, CRYPTO.hkdfExtract(CipherSuite.Hash.SHA384, null, ikm));
        assertArrayEquals(zeros, CRYPTO.hkdfExtract(CipherSuite.Hash.SHA384, new byte[0], ikm));
    }

    @Test
    void expandLabelMatchesRfc8448DerivedSecret() {
        // RFC 8448 §3: Derive-Secret(early_secret, "derived", "") with its HkdfLabel.
        byte[] early = hex("33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a");
        byte[] emptyHash = hex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertArrayEquals(hex("6f2615a108c702c5678f54fc9dbab69716c076189c48250cebeac3576c3611ba"),
                Hkdf.expandLabel(CRYPTO, CipherSuite.Hash.SHA256, early, "derived", emptyHash, 32));
    }
}
