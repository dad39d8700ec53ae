package org.securechannel.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.util.ArrayList;
import java.util.List;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.AlpnExtension;
import org.securechannel.codec.CertificateMessage;
import org.securechannel.codec.CertificateVerify;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.ClientHello;
import org.securechannel.codec.ContentType;
import org.securechannel.codec.CookieExtension;
import org.securechannel.codec.Extension;
import org.securechannel.codec.ExtensionType;
import org.securechannel.codec.Finished;
import org.securechannel.codec.KeyShareExtension;
import org.securechannel.codec.KeyUpdate;
import org.securechannel.codec.NamedGroup;
import org.securechannel.codec.PskKeyExchangeModesExtension;
import org.securechannel.codec.ServerHello;
import org.securechannel.codec.ServerNameExtension;
import org.securechannel.codec.SignatureAlgorithmsExtension;
import org.securechannel.codec.SignatureScheme;
import org.securechannel.codec.SupportedGroupsExtension;
import org.securechannel.codec.SupportedVersionsExtension;
import org.securechannel.context.Credentials;
import org.securechannel.context.SecurityContext;
import org.securechannel.context.SecurityContextException;
import org.securechannel.crypto.CryptoBackend;
import org.securechannel.crypto.KeyShare;
import org.securechannel.handshake.Tls13KeySchedule;
import org.securechannel.handshake.Transcript;
import org.securechannel.record.Tls13RecordProtection;
import org.securechannel.testing.Pipe;

/**
 * Plays a TLS 1.3 client, message by message, to a real server context, applying the fuzzer's {@link Edits}:
 * every server state's {@code receive} gets mutated input while keys, CertificateVerify and Finished stay
 * right for whatever was sent. Slots: 0 ClientHello, 1 Certificate, 2 CertificateVerify, 3 Finished,
 * 4 KeyUpdate, 5 application data, 6 the second ClientHello (after a HelloRetryRequest). Options: bit 0 the
 * server requires a client certificate; 1 send a compatibility CCS; 2 one record per message; 3 send an empty
 * Certificate; 4 a KeyUpdate and data after the handshake; 5 prefer TLS_AES_256_GCM_SHA384; 6 the KeyUpdate
 * asks for one back; 7 offer no key share (the server must ask again with a HelloRetryRequest). The hello
 * offers ALPN and the server has a selector that takes the client's last protocol.
 */
final class ClientScript {
    private static final CryptoBackend CRYPTO = CryptoBackend.defaultBackend();

    private ClientScript() {
    }

    /** Returns whether the handshake completed. */
    static boolean run(Edits e) throws SecurityContextException {
        // An application protocol selector, as JSSE servers install one: it picks the client's last protocol.
        Credentials.Builder sb = FuzzWorld.serverCredentials()
                .clientAuth(e.option(0) ? Credentials.ClientAuth.REQUIRED : Credentials.ClientAuth.NONE)
                .applicationProtocolSelector(offered -> offered.isEmpty() ? "" : offered.get(offered.size() - 1));
        try (SecurityContext server = SecurityContext.server(sb.build())) {
            return run(server, e);
        } catch (AlertException scriptCannotGoOn) {
            // The server answered something the script cannot follow (it already failed or said no): done.
            return false;
        }
    }

    private static boolean run(SecurityContext server, Edits e) throws SecurityContextException, AlertException {
        Pipe toServer = new Pipe();
        Pipe fromServer = new Pipe();
        SecureRandom random = FuzzWorld.seeded(41);
        KeyShare ours = CRYPTO.generateKeyShare(NamedGroup.X25519);
        byte[] clientRandom = new byte[32];
        byte[] sessionId = new byte[32];
        random.nextBytes(clientRandom);
        random.nextBytes(sessionId);
        List<Integer> suites = e.option(5)
                ? List.of(CipherSuite.TLS_AES_256_GCM_SHA384.code(), CipherSuite.TLS_AES_128_GCM_SHA256.code())
                : List.of(CipherSuite.TLS_AES_128_GCM_SHA256.code(), CipherSuite.TLS_CHACHA20_POLY1305_SHA256.code());
        byte[] ch1 = e.apply(0, hello(clientRandom, sessionId, suites, e.option(7) ? null : ours, null));
        Transcript transcript = new Transcript();
        transcript.add(ch1);
        toServer.write(Wire.plain(22, ch1));
        Drive.step(server, toServer, fromServer, 0);

        Incoming in = new Incoming(fromServer.drain());
        byte[] shEncoded = in.nextPlainMessage();
        ServerHello sh = ServerHello.parse(Wire.body(shEncoded));
        CipherSuite suite = CipherSuite.of(sh.cipherSuite());
        if (suite == null) {
            return false;
        }
        transcript.start(CRYPTO, suite.hash());
        if (sh.isHelloRetryRequest()) {
            transcript.replaceWithMessageHash();
            transcript.add(shEncoded);
            Extension cookie = sh.extension(ExtensionType.COOKIE);
            byte[] ch2 = e.apply(6, hello(clientRandom, sessionId, suites, ours,
                    cookie == null ? null : CookieExtension.parse(cookie.data())));
            transcript.add(ch2);
            toServer.write(Wire.plain(22, ch2));
            Drive.step(server, toServer, fromServer, 0);
            in = new Incoming(fromServer.drain());
            shEncoded = in.nextPlainMessage();
            sh = ServerHello.parse(Wire.body(shEncoded));
        }
        transcript.add(shEncoded);
        Extension share = sh.extension(ExtensionType.KEY_SHARE);
        if (share == null || CipherSuite.of(sh.cipherSuite()) != suite) {
            return false;
        }
        byte[] shared = ours.sharedSecret(KeyShareExtension.parseServer(share.data()).keyExchange());
        Tls13KeySchedule keys = new Tls13KeySchedule(CRYPTO, suite);
        keys.deriveHandshakeSecrets(shared, transcript.hash());

        // The server's encrypted flight, read only to keep the transcript: the client checks are not the point.
        Tls13RecordProtection hsRead = new Tls13RecordProtection(CRYPTO, suite, keys.serverHandshakeTrafficSecret());
        boolean certificateRequested = false;
        boolean finished = false;
        for (byte[] m : in.protectedMessages(hsRead)) {
            transcript.add(m);
            certificateRequested |= m[0] == 13;
            if (m[0] == 20) {
                finished = true;
                break;
            }
        }
        if (!finished) {
            return false;
        }
        keys.deriveApplicationSecrets(transcript.hash());

        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        if (e.option(1)) {
            wire.writeBytes(Wire.plain(20, new byte[] {1}));
        }
        Tls13RecordProtection hsWrite = new Tls13RecordProtection(CRYPTO, suite, keys.clientHandshakeTrafficSecret());
        ServerScript.Flight flight = new ServerScript.Flight(e, transcript, hsWrite, wire);
        if (certificateRequested) {
            boolean withCertificate = !e.option(3);
            try {
                flight.send(1, new CertificateMessage(new byte[0], withCertificate
                        ? List.of(new CertificateMessage.CertificateEntry(FuzzWorld.CLIENT_CERT.getEncoded(), List.of()))
                        : List.of()).encode());
            } catch (CertificateEncodingException ex) {
                throw new AssertionError(ex);
            }
            if (withCertificate) {
                byte[] signature = CRYPTO.sign(SignatureScheme.ED25519, FuzzWorld.CLIENT_KEY.getPrivate(),
                        Wire.signedContent(false, transcript.hash()));
                flight.send(2, new CertificateVerify(SignatureScheme.ED25519.code(), signature).encode());
            }
        }
        flight.send(3, new Finished(keys.finishedVerifyData(keys.clientHandshakeTrafficSecret(), transcript.hash())).encode());
        flight.flush();
        toServer.write(wire.toByteArray());
        if (!Drive.step(server, toServer, fromServer, 0) || !e.option(4)) {
            return server.isEstablished();
        }
        byte[] appSecret = keys.clientApplicationTrafficSecret();
        Tls13RecordProtection app = new Tls13RecordProtection(CRYPTO, suite, appSecret);
        ByteArrayOutputStream post = new ByteArrayOutputStream();
        byte[] ku = e.apply(4, new KeyUpdate(e.option(6)).encode());
        post.writeBytes(Wire.sealed(app, ContentType.HANDSHAKE, ku));
        if (Wire.isKeyUpdate(ku)) {
            app = new Tls13RecordProtection(CRYPTO, suite, keys.nextApplicationTrafficSecret(appSecret));
        }
        post.writeBytes(Wire.sealed(app, ContentType.APPLICATION_DATA, e.apply(5, "ping".getBytes(StandardCharsets.US_ASCII))));
        toServer.write(post.toByteArray());
        Drive.decrypt(server, toServer, fromServer);
        return server.isEstablished();
    }

    /** Our hello: x25519 only, ed25519 and P-256 signatures, SNI; with a share unless {@code share} is null. */
    private static byte[] hello(byte[] random, byte[] sessionId, List<Integer> suites, KeyShare share, byte[] cookie) {
        List<Extension> exts = new ArrayList<>();
        exts.add(ServerNameExtension.encode(FuzzWorld.HOST));
        exts.add(SupportedVersionsExtension.encodeClient(List.of(0x0304)));
        exts.add(SupportedGroupsExtension.encode(List.of(NamedGroup.X25519.code())));
        exts.add(SignatureAlgorithmsExtension.encode(ExtensionType.SIGNATURE_ALGORITHMS,
                List.of(SignatureScheme.ED25519.code(), SignatureScheme.ECDSA_SECP256R1_SHA256.code())));
        exts.add(KeyShareExtension.encodeClient(share == null ? List.of()
                : List.of(new KeyShareExtension.KeyShareEntry(NamedGroup.X25519.code(), share.publicValue()))));
        exts.add(PskKeyExchangeModesExtension.encode(List.of(PskKeyExchangeModesExtension.PSK_DHE_KE)));
        exts.add(AlpnExtension.encode(List.of("http/1.1", "h2")));
        if (cookie != null) {
            exts.add(CookieExtension.encode(cookie));
        }
        return new ClientHello(0x0303, random, sessionId, suites, new byte[] {0}, exts).encode();
    }

    /** What the server sent: plaintext handshake messages first, then protected records. */
    private static final class Incoming {
        private final List<Wire.Rec> records;
        private int next;
        private final ByteArrayOutputStream plain = new ByteArrayOutputStream();

        Incoming(byte[] bytes) {
            records = Wire.records(bytes);
        }

        byte[] nextPlainMessage() throws AlertException {
            while (next < records.size() && Wire.messages(plain.toByteArray()).isEmpty()) {
                Wire.Rec r = records.get(next++);
                if (r.type() == 22) {
                    plain.writeBytes(r.fragment());
                }
            }
            List<byte[]> messages = Wire.messages(plain.toByteArray());
            if (messages.isEmpty()) {
                throw AlertException.decodeError("script: no ServerHello");
            }
            return messages.get(0);
        }

        List<byte[]> protectedMessages(Tls13RecordProtection p) throws AlertException {
            ByteArrayOutputStream hs = new ByteArrayOutputStream();
            for (; next < records.size(); next++) {
                Wire.Rec r = records.get(next);
                if (r.type() != 23) {
                    continue;
                }
                ByteBuffer out = ByteBuffer.allocate(r.fragment().length);
                ContentType type = p.open(r.header(), ByteBuffer.wrap(r.fragment()), r.fragment().length, out);
                if (type == ContentType.HANDSHAKE) {
                    hs.write(out.array(), 0, out.position());
                }
            }
            return Wire.messages(hs.toByteArray());
        }
    }
}
