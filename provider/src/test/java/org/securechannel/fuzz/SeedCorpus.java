package org.securechannel.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.securechannel.codec.AlpnExtension;
import org.securechannel.codec.CertificateAuthoritiesExtension;
import org.securechannel.codec.CertificateMessage;
import org.securechannel.codec.CertificateRequest;
import org.securechannel.codec.CertificateVerify;
import org.securechannel.codec.CookieExtension;
import org.securechannel.codec.EncryptedExtensions;
import org.securechannel.codec.Extension;
import org.securechannel.codec.ExtensionType;
import org.securechannel.codec.Finished;
import org.securechannel.codec.KeyShareExtension;
import org.securechannel.codec.KeyUpdate;
import org.securechannel.codec.NewSessionTicket;
import org.securechannel.codec.PskKeyExchangeModesExtension;
import org.securechannel.codec.ServerNameExtension;
import org.securechannel.codec.SignatureAlgorithmsExtension;
import org.securechannel.codec.SupportedGroupsExtension;
import org.securechannel.codec.SupportedVersionsExtension;
import org.securechannel.codec.TlsWriter;
import org.securechannel.codec.Extensions;

/**
 * Writes the committed seed corpus: valid messages, extensions and recorded flights for every target, under
 * {@code src/test/resources/org/securechannel/fuzz/<Class>Inputs/<method>/}. Run after changing what the
 * contexts send: {@code mvn -pl provider test -Dtest=SeedCorpus -Dfuzz.writeSeeds=true}. Crash inputs that
 * Jazzer adds next to the seeds are left alone.
 */
class SeedCorpus {
    private static final Path ROOT = Path.of("src/test/resources/org/securechannel/fuzz");

    @Test
    @EnabledIfSystemProperty(named = "fuzz.writeSeeds", matches = "true")
    void write() throws Exception {
        Map<String, Map<String, byte[]>> seeds = seeds();
        for (var target : AllTargetsFuzzTest.TARGETS) {
            Map<String, byte[]> own = seeds.getOrDefault(target.testClass() + "#" + target.method(), Map.of());
            for (var e : own.entrySet()) {
                write(target.testClass(), target.method(), e.getKey(), e.getValue());
            }
        }
        // The multiplexer's seeds: each target's with its selector in front.
        for (int i = 0; i < AllTargetsFuzzTest.TARGETS.size(); i++) {
            var target = AllTargetsFuzzTest.TARGETS.get(i);
            for (var e : seeds.getOrDefault(target.testClass() + "#" + target.method(), Map.of()).entrySet()) {
                byte[] prefixed = new byte[e.getValue().length + 1];
                prefixed[0] = (byte) i;
                System.arraycopy(e.getValue(), 0, prefixed, 1, e.getValue().length);
                write("AllTargetsFuzzTest", "anyTarget", target.method() + "-" + e.getKey(), prefixed);
            }
        }
    }

    private static void write(String testClass, String method, String name, byte[] bytes) throws IOException {
        Path dir = ROOT.resolve(testClass + "Inputs").resolve(method);
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), bytes);
    }

    static Map<String, Map<String, byte[]>> seeds() throws Exception {
        Map<String, Map<String, byte[]>> s = new LinkedHashMap<>();
        Flights f = Flights.record();
        List<byte[]> clientPlain = Wire.messages(plainHandshake(f.clientToServer()));
        List<byte[]> serverPlain = Wire.messages(plainHandshake(f.serverToClient()));
        byte[] ch = clientPlain.get(0);
        byte[] sh = serverPlain.get(0);

        put(s, "CodecFuzzTest#clientHello", "valid-client-hello", Wire.body(ch));
        put(s, "CodecFuzzTest#serverHello", "valid-server-hello", Wire.body(sh));
        byte[] ee = new EncryptedExtensions(List.of(ServerNameExtension.emptyAck(),
                AlpnExtension.encode(List.of("h2")))).encode();
        put(s, "CodecFuzzTest#encryptedExtensions", "alpn-and-sni", Wire.body(ee));
        byte[] cert = new CertificateMessage(new byte[0], List.of(
                new CertificateMessage.CertificateEntry(der(), List.of(new Extension(5, new byte[] {1, 0, 0, 0, 0}))),
                new CertificateMessage.CertificateEntry(FuzzWorld.CLIENT_CERT.getEncoded(), List.of()))).encode();
        put(s, "CodecFuzzTest#certificate", "two-entries", Wire.body(cert));
        byte[] cr = new CertificateRequest(new byte[] {7}, List.of(
                SignatureAlgorithmsExtension.encode(ExtensionType.SIGNATURE_ALGORITHMS, List.of(0x0807, 0x0403)),
                CertificateAuthoritiesExtension.encode(List.of(FuzzWorld.SERVER_CERT.getSubjectX500Principal().getEncoded()))))
                .encode();
        put(s, "CodecFuzzTest#certificateRequest", "sigalgs-and-cas", Wire.body(cr));
        byte[] cv = new CertificateVerify(0x0807, new byte[64]).encode();
        put(s, "CodecFuzzTest#certificateVerify", "ed25519", Wire.body(cv));
        byte[] fin = new Finished(new byte[32]).encode();
        put(s, "CodecFuzzTest#finished", "sha256", Wire.body(fin));
        put(s, "CodecFuzzTest#finished", "sha384", new byte[48]);
        byte[] nst = new NewSessionTicket(7200, 0xFFFFFFFFL, new byte[] {1, 2}, new byte[] {9, 9, 9},
                List.of(new Extension(42, new byte[] {0, 0, 0x40, 0}))).encode();
        put(s, "CodecFuzzTest#newSessionTicket", "with-early-data", Wire.body(nst));
        put(s, "CodecFuzzTest#keyUpdate", "requested", Wire.body(new KeyUpdate(true).encode()));
        for (byte[] m : List.of(ch, sh, ee, cert, cr, cv, fin, nst, new KeyUpdate(false).encode())) {
            byte[] typed = new byte[m.length - 3];
            typed[0] = m[0];
            System.arraycopy(m, 4, typed, 1, m.length - 4);
            put(s, "CodecFuzzTest#anyHandshakeMessage", "type-" + (m[0] & 0xFF), typed);
        }
        List<Extension> extensions = List.of(
                new Extension(0, block(ch)),
                KeyShareExtension.encodeClient(List.of(new KeyShareExtension.KeyShareEntry(0x1d, new byte[32]),
                        new KeyShareExtension.KeyShareEntry(0x17, new byte[65]))),
                KeyShareExtension.encodeServer(new KeyShareExtension.KeyShareEntry(0x1d, new byte[32])),
                KeyShareExtension.encodeHelloRetryRequest(0x17),
                AlpnExtension.encode(List.of("h2", "http/1.1")),
                AlpnExtension.encode(List.of("h2")),
                ServerNameExtension.encode("example.com"),
                SignatureAlgorithmsExtension.encode(ExtensionType.SIGNATURE_ALGORITHMS, List.of(0x0807, 0x0403, 0x0804)),
                SupportedGroupsExtension.encode(List.of(0x1d, 0x17, 0x18)),
                SupportedVersionsExtension.encodeClient(List.of(0x0304, 0x0303)),
                SupportedVersionsExtension.encodeServer(0x0304),
                CookieExtension.encode(new byte[] {1, 2, 3}),
                PskKeyExchangeModesExtension.encode(List.of(1)),
                CertificateAuthoritiesExtension.encode(List.of(FuzzWorld.SERVER_CERT.getSubjectX500Principal().getEncoded())));
        for (int i = 0; i < extensions.size(); i++) {
            byte[] data = extensions.get(i).data();
            byte[] sel = new byte[data.length + 1];
            sel[0] = (byte) i;
            System.arraycopy(data, 0, sel, 1, data.length);
            put(s, "CodecFuzzTest#extension", "codec-" + i, sel);
        }

        // Records: the plaintext wire as sent, and protected records the harness seals (kind 1).
        put(s, "RecordLayerFuzzTest#inbound", "plain-client-hello-and-ccs",
                concat(new byte[] {0}, Wire.plain(22, ch), Wire.plain(20, new byte[] {1})));
        put(s, "RecordLayerFuzzTest#inbound", "plain-server-hello-alert",
                concat(new byte[] {0}, Wire.plain(22, sh), Wire.plain(21, new byte[] {2, 40})));
        byte[] flight = concat(ee, cert, cv, fin);
        put(s, "RecordLayerFuzzTest#inbound", "protected-flight-in-two-records",
                concat(new byte[] {1}, entry(1, concat(java.util.Arrays.copyOf(flight, 100), new byte[] {22})),
                        entry(1, concat(java.util.Arrays.copyOfRange(flight, 100, flight.length), new byte[] {22, 0, 0, 0}))));
        put(s, "RecordLayerFuzzTest#inbound", "protected-data-alert-caller-buffer",
                concat(new byte[] {(byte) (1 | 8 | 16)}, entry(1, new byte[] {'h', 'i', 23}), entry(1, new byte[] {1, 0, 21})));
        put(s, "RecordLayerFuzzTest#inbound", "protected-sha384-key-update",
                concat(new byte[] {(byte) (1 | 2 | 8)}, entry(1, concat(new KeyUpdate(true).encode(), new byte[] {22}))));

        // Scripted handshakes: options only (valid), and one edit per kind.
        for (int options : new int[] {0, 0x01, 0x03, 0x04, 0x09, 0x10, 0x14, 0x30, 0x50, 0x80, 0xD1}) {
            put(s, "HandshakeStatesFuzzTest#clientStates", "valid-options-" + Integer.toHexString(options), new byte[] {(byte) options});
        }
        put(s, "HandshakeStatesFuzzTest#clientStates", "hello-retry-request", Edits.encode(0, 0, 1,
                xorAt(6, helloRetryRandomXor())));
        put(s, "HandshakeStatesFuzzTest#clientStates", "extra-ee-extension", Edits.encode(0, 1, 0,
                new EncryptedExtensions(List.of(SupportedGroupsExtension.encode(List.of(0x1d)))).encode()));
        put(s, "HandshakeStatesFuzzTest#clientStates", "ticket-then-drop-key-update", Edits.encode(0x10, 7, 2, new byte[0]));
        put(s, "HandshakeStatesFuzzTest#clientStates", "cut-certificate", Edits.encode(0, 3, 4, new byte[] {0, 50}));
        put(s, "HandshakeStatesFuzzTest#clientStates", "extra-message-before-finished", Edits.encode(0, 5, 3,
                new KeyUpdate(false).encode()));
        for (int options : new int[] {0, 0x01, 0x03, 0x04, 0x09, 0x10, 0x14, 0x30, 0x50, 0x80, 0x91}) {
            put(s, "HandshakeStatesFuzzTest#serverStates", "valid-options-" + Integer.toHexString(options), new byte[] {(byte) options});
        }
        put(s, "HandshakeStatesFuzzTest#serverStates", "header-lies", Edits.encode(0x01, 1, 5, new byte[] {11, 0, 1, 0}));
        put(s, "HandshakeStatesFuzzTest#serverStates", "empty-certificate", Edits.encode(0x09, 0, 0, new byte[0]));
        put(s, "HandshakeStatesFuzzTest#serverStates", "alpn-name-not-utf8", Edits.encode(0, 0, 0, alpnNotUtf8Hello()));
        put(s, "HandshakeStatesFuzzTest#serverStates", "patched-hello", Edits.encode(0, 0, 1, new byte[] {0, 40, 1, 2, 3}));

        put(s, "CertificateFuzzTest#serverCertificate", "valid", der());
        put(s, "CertificateFuzzTest#serverCertificate", "other-self-signed", FuzzWorld.CLIENT_CERT.getEncoded());
        org.securechannel.codec.SignatureScheme[] schemes = org.securechannel.codec.SignatureScheme.values();
        for (var type : org.securechannel.testing.TestPki.KeyType.values()) {
            byte[] typeDer = org.securechannel.testing.TestPki.selfSigned(type, FuzzWorld.HOST).leaf().getEncoded();
            for (int i = 0; i < schemes.length; i++) {
                if (schemes[i].name().contains(type.name().startsWith("RSA_PSS") ? "RSA_PSS_PSS"
                        : type.name().startsWith("RSA") ? "RSA" : type.name().startsWith("ED") ? "ED25519"
                        : type == org.securechannel.testing.TestPki.KeyType.EC_P256 ? "SECP256R1" : "SECP384R1")) {
                    put(s, "CertificateFuzzTest#serverCertificateKey", type + "-" + schemes[i], concat(new byte[] {(byte) i}, typeDer));
                }
            }
        }
        put(s, "CertificateFuzzTest#serverCertificateKey", "valid-ed25519", concat(new byte[] {(byte) org.securechannel.codec.SignatureScheme.ED25519.ordinal()}, der()));
        put(s, "CertificateFuzzTest#clientCertificate", "valid", FuzzWorld.CLIENT_CERT.getEncoded());
        put(s, "CertificateFuzzTest#clientCertificate", "server-certificate", der());

        put(s, "EngineFuzzTest#clientReceives", "valid-server-flight", EngineFuzzTest.withDelivery(0, f.serverToClient()));
        put(s, "EngineFuzzTest#clientReceives", "valid-server-flight-64-byte-steps", EngineFuzzTest.withDelivery(4, f.serverToClient()));
        put(s, "EngineFuzzTest#serverReceives", "valid-client-flight", EngineFuzzTest.withDelivery(0, f.clientToServer()));
        put(s, "EngineFuzzTest#serverReceives", "valid-client-flight-32-byte-steps", EngineFuzzTest.withDelivery(2, f.clientToServer()));
        return s;
    }

    /**
     * A ClientHello whose one ALPN name is 255 bytes that are not UTF-8: decoded to U+FFFD each, it becomes a
     * 765-byte name when the server's selector picks it and the server writes it back.
     */
    private static byte[] alpnNotUtf8Hello() {
        byte[] name = new byte[255];
        java.util.Arrays.fill(name, (byte) 0xFF);
        TlsWriter alpn = new TlsWriter();
        alpn.vector16(v -> v.vector8(name));
        byte[] point = new byte[32];
        point[0] = 9;
        return new org.securechannel.codec.ClientHello(0x0303, new byte[32], new byte[0], List.of(0x1301), new byte[] {0},
                List.of(SupportedVersionsExtension.encodeClient(List.of(0x0304)),
                        SupportedGroupsExtension.encode(List.of(0x1d)),
                        SignatureAlgorithmsExtension.encode(ExtensionType.SIGNATURE_ALGORITHMS, List.of(0x0807)),
                        KeyShareExtension.encodeClient(List.of(new KeyShareExtension.KeyShareEntry(0x1d, point))),
                        new Extension(ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION, alpn.toByteArray())))
                .encode();
    }

    private static byte[] der() throws CertificateEncodingException {
        return FuzzWorld.SERVER_CERT.getEncoded();
    }

    /** The ClientHello's extension block (u16 length and entries), for the block codec. */
    private static byte[] block(byte[] clientHello) throws Exception {
        var exts = org.securechannel.codec.ClientHello.parse(Wire.body(clientHello)).extensions();
        TlsWriter w = new TlsWriter();
        Extensions.write(w, exts);
        return w.toByteArray();
    }

    /** XOR bytes that turn the server script's random (seeded, see ServerScript) into the HelloRetryRequest value. */
    private static byte[] helloRetryRandomXor() {
        byte[] random = new byte[32];
        FuzzWorld.seeded(31).nextBytes(random);
        byte[] hrr = org.securechannel.codec.ServerHello.HELLO_RETRY_REQUEST_RANDOM;
        for (int i = 0; i < 32; i++) {
            random[i] ^= hrr[i];
        }
        return random;
    }

    private static byte[] xorAt(int offset, byte[] bytes) {
        return concat(new byte[] {(byte) (offset >>> 8), (byte) offset}, bytes);
    }

    private static byte[] plainHandshake(byte[] wire) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Wire.Rec r : Wire.records(wire)) {
            if (r.type() == 22) {
                out.writeBytes(r.fragment());
            }
        }
        return out.toByteArray();
    }

    private static byte[] entry(int kind, byte[] bytes) {
        return concat(new byte[] {(byte) kind, (byte) (bytes.length >>> 8), (byte) bytes.length}, bytes);
    }

    static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static void put(Map<String, Map<String, byte[]>> s, String target, String name, byte[] bytes) {
        s.computeIfAbsent(target, k -> new LinkedHashMap<>()).put(name, bytes);
    }

}
