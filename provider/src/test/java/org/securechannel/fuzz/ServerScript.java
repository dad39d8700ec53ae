package org.securechannel.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.util.List;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.AlpnExtension;
import org.securechannel.codec.CertificateMessage;
import org.securechannel.codec.CertificateRequest;
import org.securechannel.codec.CertificateVerify;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.ClientHello;
import org.securechannel.codec.ContentType;
import org.securechannel.codec.EncryptedExtensions;
import org.securechannel.codec.Extension;
import org.securechannel.codec.ExtensionType;
import org.securechannel.codec.Finished;
import org.securechannel.codec.KeyShareExtension;
import org.securechannel.codec.KeyUpdate;
import org.securechannel.codec.NamedGroup;
import org.securechannel.codec.NewSessionTicket;
import org.securechannel.codec.ServerHello;
import org.securechannel.codec.SignatureAlgorithmsExtension;
import org.securechannel.codec.SignatureScheme;
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
 * Plays a TLS 1.3 server, message by message, to a real client context, applying the fuzzer's {@link Edits}
 * to each message: every client state's {@code receive} gets mutated input while the keys, CertificateVerify
 * and Finished stay right for whatever was sent. Slots: 0 ServerHello, 1 EncryptedExtensions,
 * 2 CertificateRequest, 3 Certificate, 4 CertificateVerify, 5 Finished, 6 NewSessionTicket, 7 KeyUpdate,
 * 8 application data. Options: bit 0 request a client certificate; 1 send a compatibility CCS; 2 one record
 * per message; 3 the client has no certificate; 4 post-handshake messages and data; 5 TLS_AES_256_GCM_SHA384;
 * 6 the KeyUpdate asks for one back; 7 the client offers ALPN and the server answers it.
 */
final class ServerScript {
    private static final CryptoBackend CRYPTO = CryptoBackend.defaultBackend();

    private ServerScript() {
    }

    /** Returns whether the handshake completed. */
    static boolean run(Edits e) throws SecurityContextException {
        return run(e, false);
    }

    /**
     * With {@code manualValidation} the client takes any parsable chain (ISC_REQ_MANUAL_CRED_VALIDATION), so a
     * fuzzed certificate's key reaches the CertificateVerify check.
     */
    static boolean run(Edits e, boolean manualValidation) throws SecurityContextException {
        Credentials.Builder cb = FuzzWorld.clientCredentials(!e.option(3)).manualCredentialValidation(manualValidation);
        if (e.option(7)) {
            cb.applicationProtocols("h2", "http/1.1");
        }
        try (SecurityContext client = SecurityContext.client(cb.build(), FuzzWorld.HOST)) {
            return run(client, e);
        }
    }

    private static boolean run(SecurityContext client, Edits e) throws SecurityContextException {
        Pipe toClient = new Pipe();
        Pipe fromClient = new Pipe();
        Drive.step(client, new Pipe(), fromClient, 0);
        byte[] chEncoded = firstPlainMessage(fromClient.drain());
        ClientHello ch;
        KeyShareExtension.KeyShareEntry theirs = null;
        try {
            ch = ClientHello.parse(Wire.body(chEncoded));
            for (KeyShareExtension.KeyShareEntry s : KeyShareExtension.parseClient(ch.extension(ExtensionType.KEY_SHARE).data())) {
                if (s.group() == NamedGroup.X25519.code()) {
                    theirs = s;
                }
            }
        } catch (AlertException | RuntimeException notOurs) {
            throw new AssertionError("the client's own hello does not parse", notOurs);
        }
        CipherSuite suite = e.option(5) ? CipherSuite.TLS_AES_256_GCM_SHA384 : CipherSuite.TLS_AES_128_GCM_SHA256;
        SecureRandom random = FuzzWorld.seeded(31);
        byte[] shared;
        byte[] ourPublic;
        try {
            KeyShare ours = CRYPTO.generateKeyShare(NamedGroup.X25519);
            ourPublic = ours.publicValue();
            shared = ours.sharedSecret(theirs.keyExchange());
        } catch (AlertException ex) {
            throw new AssertionError(ex);
        }
        byte[] serverRandom = new byte[32];
        random.nextBytes(serverRandom);
        byte[] sh = e.apply(0, new ServerHello(0x0303, serverRandom, ch.legacySessionId(), suite.code(), 0, List.of(
                SupportedVersionsExtension.encodeServer(0x0304),
                KeyShareExtension.encodeServer(new KeyShareExtension.KeyShareEntry(NamedGroup.X25519.code(), ourPublic))))
                .encode());
        Transcript transcript = new Transcript();
        transcript.start(CRYPTO, suite.hash());
        transcript.add(chEncoded);
        transcript.add(sh);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes(Wire.plain(22, sh));
        if (e.option(1)) {
            wire.writeBytes(Wire.plain(20, new byte[] {1}));
        }
        Tls13KeySchedule keys = new Tls13KeySchedule(CRYPTO, suite);
        keys.deriveHandshakeSecrets(shared, transcript.hash());
        Tls13RecordProtection hsWrite = new Tls13RecordProtection(CRYPTO, suite, keys.serverHandshakeTrafficSecret());
        Flight flight = new Flight(e, transcript, hsWrite, wire);

        List<Extension> ee = e.option(7) ? List.of(AlpnExtension.encode(List.of("h2"))) : List.of();
        flight.send(1, new EncryptedExtensions(ee).encode());
        if (e.option(0)) {
            flight.send(2, new CertificateRequest(new byte[0], List.of(SignatureAlgorithmsExtension.encode(
                    ExtensionType.SIGNATURE_ALGORITHMS, List.of(SignatureScheme.ED25519.code(),
                            SignatureScheme.ECDSA_SECP256R1_SHA256.code())))).encode());
        }
        try {
            flight.send(3, new CertificateMessage(new byte[0], List.of(new CertificateMessage.CertificateEntry(
                    FuzzWorld.SERVER_CERT.getEncoded(), List.of()))).encode());
            byte[] signature = CRYPTO.sign(SignatureScheme.ED25519, FuzzWorld.SERVER_KEY.getPrivate(),
                    Wire.signedContent(true, transcript.hash()));
            flight.send(4, new CertificateVerify(SignatureScheme.ED25519.code(), signature).encode());
        } catch (CertificateEncodingException | AlertException ex) {
            throw new AssertionError(ex);
        }
        flight.send(5, new Finished(keys.finishedVerifyData(keys.serverHandshakeTrafficSecret(), transcript.hash())).encode());
        flight.flush();
        keys.deriveApplicationSecrets(transcript.hash());

        toClient.write(wire.toByteArray());
        if (!Drive.step(client, toClient, fromClient, 0) || !e.option(4)) {
            return client.isEstablished();
        }
        // After the handshake: a ticket, a KeyUpdate, data, under the server's application keys.
        byte[] appSecret = keys.serverApplicationTrafficSecret();
        Tls13RecordProtection app = new Tls13RecordProtection(CRYPTO, suite, appSecret);
        ByteArrayOutputStream post = new ByteArrayOutputStream();
        byte[] nst = e.apply(6, new NewSessionTicket(7200, 0x01020304L, new byte[] {1}, new byte[] {9, 9, 9}, List.of()).encode());
        post.writeBytes(Wire.sealed(app, ContentType.HANDSHAKE, nst));
        byte[] ku = e.apply(7, new KeyUpdate(e.option(6)).encode());
        post.writeBytes(Wire.sealed(app, ContentType.HANDSHAKE, ku));
        if (Wire.isKeyUpdate(ku)) {
            app = new Tls13RecordProtection(CRYPTO, suite, keys.nextApplicationTrafficSecret(appSecret));
        }
        byte[] data = e.apply(8, "ping".getBytes(StandardCharsets.US_ASCII));
        post.writeBytes(Wire.sealed(app, ContentType.APPLICATION_DATA, data));
        toClient.write(post.toByteArray());
        Drive.decrypt(client, toClient, fromClient);
        return client.isEstablished();
    }

    private static byte[] firstPlainMessage(byte[] bytes) {
        ByteArrayOutputStream hs = new ByteArrayOutputStream();
        for (Wire.Rec r : Wire.records(bytes)) {
            if (r.type() == 22) {
                hs.writeBytes(r.fragment());
            }
        }
        List<byte[]> messages = Wire.messages(hs.toByteArray());
        if (messages.isEmpty()) {
            throw new AssertionError("the client sent no hello");
        }
        return messages.get(0);
    }

    /** The encrypted flight: each message edited, added to the transcript, sealed together or one by one. */
    static final class Flight {
        private final Edits edits;
        private final Transcript transcript;
        private final Tls13RecordProtection protection;
        private final ByteArrayOutputStream wire;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        Flight(Edits edits, Transcript transcript, Tls13RecordProtection protection, ByteArrayOutputStream wire) {
            this.edits = edits;
            this.transcript = transcript;
            this.protection = protection;
            this.wire = wire;
        }

        void send(int slot, byte[] message) {
            byte[] sent = edits.apply(slot, message);
            transcript.add(sent);
            pending.writeBytes(sent);
            if (edits.option(2)) {
                flush();
            }
        }

        void flush() {
            wire.writeBytes(Wire.sealed(protection, ContentType.HANDSHAKE, pending.toByteArray()));
            pending.reset();
        }
    }
}
