package org.securechannel.handshake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.securechannel.codec.CipherSuite;
import org.securechannel.crypto.CryptoBackend;
import org.securechannel.crypto.Tls12Prf;

/**
 * Known answers for the TLS 1.2 PRF (RFC 5246 §5), the extended master secret (RFC 7627 §4), the key block
 * (§6.3), Finished (§7.4.9) and the exporter (RFC 5705). RFC 5246 gives no vectors: the PRF ones are the
 * widely used SHA-256/SHA-384 vectors, and every vector here was computed with OpenSSL 3.0's TLS1-PRF
 * ({@code openssl kdf -kdfopt digest:D -kdfopt hexsecret:S -kdfopt hexseed:HEX(label)+SEED TLS1-PRF}),
 * an implementation nobody here wrote.
 */
class Tls12KeyScheduleTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final CryptoBackend CRYPTO = CryptoBackend.defaultBackend();

    private static final String PMS = "80c7bb7579795fdf4903b6cd73a2b3a9d3c35f871178647f3ee98c437bff811d";
    private static final String SESSION_HASH = "95588960902fd6948bffcf17f01cd3f749ab75439bb7dd30d182bfd38d6e3f73";
    private static final String CLIENT_RANDOM = "f6b2704b0bcfb87910d03cbb6609cf29589c9bed47d40c73c06f7809797209d6";
    private static final String SERVER_RANDOM = "fc8f87703f778b48f913ecfad2966bb570c3acf3634a48d5f777ca13f82c86ec";
    private static final String TRANSCRIPT_HASH =
            "983d8b33f7da4fac75b273f8826fcec02743597f9f513b21a8a0417b6780d84922ff95986c2e4233af414e7ebc7217f7";

    private record Vectors(String master, String keyBlock88, String clientFinished, String serverFinished,
            String exporterNoContext, String exporterContext, String exporterEmptyContext) {
    }

    private static Vectors vectors(CipherSuite.Hash hash) {
        return hash == CipherSuite.Hash.SHA256
                ? new Vectors(
                        "41e90aa359996462cda467b1c215ce1180ed5a0bbdb2c07f88c15131cbcceb0657e83e3afc3beeaeb2302963e4dee88e",
                        "5608a40c477a7f45d139d90ad19d0a35ab305f5a6998103c2f97a99c789ee719b9c54cee8beca5db700d10cac5f31019"
                                + "1c43ecc67925c8686735208e1700118674191198e82d26dc71b6cf25748c24601a4931d556a3c8f7",
                        "3d1f9baa54b2e121fe722ad8", "d3d29c97405bb5f3afb563a0",
                        "cb4844809b81e674cb36425f20f952afccd0eb51533b9729df0a44a096334ef1",
                        "962edea54d2b472043c0cec295aa6969f17450a26e9886570b93b3f0c7634c1c",
                        "f469d8f93c85109d041c6fbd1941242cff17e90cece9bb1c26ca4994b405b704")
                : new Vectors(
                        "140946e7565b4621e1646640acd354fc8547908588af8625dd99dc913f4866bf4e0e89a2a2e0f907c42c638541836606",
                        "1da7205b697cdb11bd552a437b5ec446d176a986b1ed72518523b04ba7b92220d654d86bd894536eea2e49fa0bedb991"
                                + "07833f16d65f3101f93310c54b6dc34e0d6e2e695d0a5c08db6927f441f61e74cc5754b8c7345ab0",
                        "2d5da13bd03bfd00a73f08b3", "9c84cbd47d2501a2fb679ca8",
                        "fd91dbe6d78369c8c7ee24c83739355f7e17af65a5e176a5887599fce35e5be3",
                        "f32bcf1737401f4109aa61932f80a71de4ad6c616836dd292cf2811a2f512ff4",
                        "0552f389ec78c2b896c4a67617fdc3bca632f4a48a18fdb02b173376076a470b");
    }

    private static byte[] hex(String s) {
        return HEX.parseHex(s);
    }

    private static Tls12KeySchedule schedule(CipherSuite.Hash hash) {
        return Tls12KeySchedule.fromPreMasterSecret(CRYPTO, hash, hex(PMS), hex(SESSION_HASH), hex(CLIENT_RANDOM), hex(SERVER_RANDOM));
    }

    private static byte[] testLabelPrf(CipherSuite.Hash hash, String secret, String seed, int length) {
        return Tls12Prf.prf(CRYPTO, hash, hex(secret), "test label", hex(seed), length);
    }

    @Test
    void prfSha256() {
        assertEquals("e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a6b301791e90d35c9c9a46b4e14baf9af"
                + "0fa022f7077def17abfd3797c0564bab4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a5110fff70187347b66",
                HEX.formatHex(testLabelPrf(CipherSuite.Hash.SHA256, "9bbe436ba940f017b17652849a71db35", "a0ba9f936cda311827a6f796ffd5198c", 100)));
    }

    @Test
    void prfSha384() {
        assertEquals("7b0c18e9ced410ed1804f2cfa34a336a1c14dffb4900bb5fd7942107e81c83cde9ca0faa60be9fe34f82b1233c9146a0"
                + "e534cb400fed2700884f9dc236f80edd8bfa961144c9e8d792eca722a7b32fc3d416d473ebc2c5fd4abfdad05d9184259b5bf8cd"
                + "4d90fa0d31e2dec479e4f1a26066f2eea9a69236a3e52655c9e9aee691c8f3a26854308d5eaa3be85e0990703d73e56f",
                HEX.formatHex(testLabelPrf(CipherSuite.Hash.SHA384, "b80b733d6ceefcdc71566ea48e5567df", "cd665cf6a8447dd6ff8b27555edb7465", 148)));
    }

    @Test
    void shorterOutputsArePrefixesAndZeroBytesIsEmpty() {
        byte[] full = testLabelPrf(CipherSuite.Hash.SHA256, "9bbe436ba940f017b17652849a71db35", "a0ba9f936cda311827a6f796ffd5198c", 100);
        for (int n : new int[] {0, 1, 31, 32, 33, 64, 65}) {
            assertArrayEquals(Arrays.copyOf(full, n),
                    testLabelPrf(CipherSuite.Hash.SHA256, "9bbe436ba940f017b17652849a71db35", "a0ba9f936cda311827a6f796ffd5198c", n),
                    "length " + n);
        }
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.Hash.class)
    void extendedMasterSecretWipesThePreMasterSecret(CipherSuite.Hash hash) {
        byte[] pms = hex(PMS);
        Tls12KeySchedule ks = Tls12KeySchedule.fromPreMasterSecret(CRYPTO, hash, pms, hex(SESSION_HASH), hex(CLIENT_RANDOM), hex(SERVER_RANDOM));
        assertEquals(vectors(hash).master(), HEX.formatHex(ks.masterSecret()));
        assertArrayEquals(new byte[32], pms);
    }

    /** AES-128-GCM cuts 16+16+4+4 bytes, AES-256-GCM 32+32+4+4, ChaCha20-Poly1305 32+32+12+12: prefixes of one PRF stream. */
    @ParameterizedTest
    @EnumSource(CipherSuite.Hash.class)
    void keyBlockForEachAead(CipherSuite.Hash hash) {
        byte[] stream = hex(vectors(hash).keyBlock88());
        for (int[] sizes : new int[][] {{16, 4}, {32, 4}, {32, 12}}) {
            int k = sizes[0];
            int iv = sizes[1];
            Tls12KeySchedule.KeyBlock block = schedule(hash).keyBlock(k, iv);
            assertArrayEquals(Arrays.copyOfRange(stream, 0, k), block.client().key());
            assertArrayEquals(Arrays.copyOfRange(stream, k, 2 * k), block.server().key());
            assertArrayEquals(Arrays.copyOfRange(stream, 2 * k, 2 * k + iv), block.client().iv());
            assertArrayEquals(Arrays.copyOfRange(stream, 2 * k + iv, 2 * k + 2 * iv), block.server().iv());
        }
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.Hash.class)
    void finishedVerifyData(CipherSuite.Hash hash) {
        Tls12KeySchedule ks = schedule(hash);
        assertEquals(vectors(hash).clientFinished(), HEX.formatHex(ks.verifyData(true, hex(TRANSCRIPT_HASH))));
        assertEquals(vectors(hash).serverFinished(), HEX.formatHex(ks.verifyData(false, hex(TRANSCRIPT_HASH))));
    }

    /** RFC 5705: no context and an empty context are different inputs. */
    @ParameterizedTest
    @EnumSource(CipherSuite.Hash.class)
    void exporter(CipherSuite.Hash hash) {
        Tls12KeySchedule ks = schedule(hash);
        assertEquals(vectors(hash).exporterNoContext(), HEX.formatHex(ks.exportKeyingMaterial("EXPORTER-test", null, 32)));
        assertEquals(vectors(hash).exporterContext(), HEX.formatHex(ks.exportKeyingMaterial("EXPORTER-test", hex("abcdef"), 32)));
        assertEquals(vectors(hash).exporterEmptyContext(), HEX.formatHex(ks.exportKeyingMaterial("EXPORTER-test", new byte[0], 32)));
    }

    @Test
    void resumedScheduleKeepsItsOwnCopyOfTheMasterSecret() {
        Tls12KeySchedule full = schedule(CipherSuite.Hash.SHA256);
        Tls12KeySchedule resumed = Tls12KeySchedule.resumed(CRYPTO, CipherSuite.Hash.SHA256, full.masterSecret(),
                hex(CLIENT_RANDOM), hex(SERVER_RANDOM));
        full.destroy();
        assertArrayEquals(new byte[48], full.masterSecret(), "destroy wipes the master secret");
        assertEquals(vectors(CipherSuite.Hash.SHA256).clientFinished(), HEX.formatHex(resumed.verifyData(true, hex(TRANSCRIPT_HASH))));
    }
}
