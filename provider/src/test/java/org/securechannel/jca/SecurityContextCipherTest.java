package org.securechannel.jca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.util.Arrays;
import java.util.Random;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.securechannel.context.Pairs;
import org.securechannel.context.Reason;
import org.securechannel.context.Result;
import org.securechannel.context.SecurityContext;
import org.securechannel.context.SecurityContextException;
import org.securechannel.context.Status;
import org.securechannel.testing.ContextPair;

class SecurityContextCipherTest {
    /** The real registration, as applications get it. */
    private static final java.security.Provider PROVIDER = new org.securechannel.SecureChannelProvider();

    private static final Random RANDOM = new Random(4);

    private static Cipher cipher(int mode, SecurityContextKey key) throws Exception {
        Cipher c = Cipher.getInstance("SecurityContext", PROVIDER);
        c.init(mode, key);
        return c;
    }

    private static byte[] data(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /** The records the engine itself writes for {@code plain}. */
    private static byte[] engineEncrypt(SecurityContext context, byte[] plain) throws SecurityContextException {
        ByteBuffer in = ByteBuffer.wrap(plain);
        ByteArrayOutputStream records = new ByteArrayOutputStream();
        for (int i = 0; i < 100 && in.hasRemaining(); i++) {
            ByteBuffer out = ByteBuffer.allocate(64 * 1024);
            context.encrypt(in, out);
            records.write(out.array(), 0, out.position());
        }
        return records.toByteArray();
    }

    @Test
    void cipherRecordsAreWhatThePeerDecrypts() throws Exception {
        try (ContextPair p = Pairs.established()) {
            Cipher enc = cipher(Cipher.ENCRYPT_MODE, SecurityContextKey.of(p.client));
            for (int size : new int[] {0, 1, 100, 16384, 16385, 70_000}) {
                byte[] plain = data(size);
                byte[] records = enc.doFinal(plain);
                assertTrue(records.length <= enc.getOutputSize(size), "output bound for " + size);
                assertEquals(size == 0 ? 0 : size + 22 * ((size + 16383) / 16384), records.length, "records for " + size);
                p.toServer.write(records);
                assertArrayEquals(plain, p.receive(p.server, p.toServer), "size " + size);
            }
        }
    }

    @Test
    void cipherDecryptsTheEnginesRecordsInAnySplit() throws Exception {
        try (ContextPair p = Pairs.established()) {
            Cipher dec = cipher(Cipher.DECRYPT_MODE, SecurityContextKey.of(p.client));
            byte[] plain = data(40_000);
            byte[] records = engineEncrypt(p.server, plain);
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            int at = 0;
            for (int piece : new int[] {1, 4, 100, 16000, 7}) {
                got.writeBytes(dec.update(records, at, piece));
                at += piece;
            }
            got.writeBytes(dec.doFinal(records, at, records.length - at));
            assertArrayEquals(plain, got.toByteArray());
        }
    }

    @Test
    void byteBuffersBothWays() throws Exception {
        try (ContextPair p = Pairs.established()) {
            Cipher enc = cipher(Cipher.ENCRYPT_MODE, SecurityContextKey.of(p.client));
            Cipher dec = cipher(Cipher.DECRYPT_MODE, SecurityContextKey.of(p.server));
            byte[] plain = data(20_000);
            ByteBuffer records = ByteBuffer.allocateDirect(enc.getOutputSize(plain.length));
            enc.doFinal(ByteBuffer.wrap(plain), records);
            records.flip();
            ByteBuffer out = ByteBuffer.allocate(dec.getOutputSize(records.remaining()));
            ByteBuffer first = records.duplicate();
            first.limit(first.position() + 10);
            dec.update(first, out);
            records.position(records.position() + 10);
            dec.doFinal(records, out);
            assertArrayEquals(plain, Arrays.copyOf(out.array(), out.position()));
        }
    }

    @Test
    void tamperedRecordsAreAeadBadTag() throws Exception {
        try (ContextPair p = Pairs.established()) {
            Cipher dec = cipher(Cipher.DECRYPT_MODE, SecurityContextKey.of(p.client));
            byte[] records = engineEncrypt(p.server, data(100));
            records[records.length - 3] ^= 0x10;
            assertThrows(AEADBadTagException.class, () -> dec.doFinal(records));
            // TLS: the context is failed after a bad record.
            assertEquals(Reason.INVALID_STATE, assertThrows(SecurityContextException.class,
                    () -> p.client.decrypt(ByteBuffer.allocate(0), ByteBuffer.allocate(10))).reason());
        }
    }

    @Test
    void aPartialRecordAtDoFinalIsIllegalBlockSize() throws Exception {
        try (ContextPair p = Pairs.established()) {
            Cipher dec = cipher(Cipher.DECRYPT_MODE, SecurityContextKey.of(p.client));
            byte[] records = engineEncrypt(p.server, data(100));
            assertThrows(IllegalBlockSizeException.class, () -> dec.doFinal(records, 0, records.length - 1));
        }
    }

    @Test
    void keyUpdateReplyIsSentByTheNextEncryption() throws Exception {
        try (ContextPair p = Pairs.established()) {
            SecurityContextKey key = SecurityContextKey.of(p.client);
            Cipher dec = cipher(Cipher.DECRYPT_MODE, key);
            Cipher enc = cipher(Cipher.ENCRYPT_MODE, key);
            p.server.requestKeyUpdate(true);
            byte[] plain = data(50);
            assertArrayEquals(plain, dec.doFinal(engineEncrypt(p.server, plain)));
            byte[] reply = data(60);
            byte[] records = enc.doFinal(reply); // the KeyUpdate reply (27 bytes), then data under the client's new keys
            assertEquals(27 + 60 + 22, records.length, "the KeyUpdate reply waited in the context");
            p.toServer.write(records);
            assertArrayEquals(reply, p.receive(p.server, p.toServer));
            byte[] more = data(70);
            assertArrayEquals(more, dec.doFinal(engineEncrypt(p.server, more)));
        }
    }

    @Test
    void onlyContextKeysAndNoParameters() throws Exception {
        Cipher c = Cipher.getInstance("SecurityContext", PROVIDER);
        assertThrows(InvalidKeyException.class, () -> c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(new byte[16], "AES")));
        try (ContextPair p = Pairs.established()) {
            assertThrows(InvalidAlgorithmParameterException.class,
                    () -> c.init(Cipher.ENCRYPT_MODE, SecurityContextKey.of(p.client), new IvParameterSpec(new byte[12])));
            Result r = p.client.encrypt(ByteBuffer.allocate(0), ByteBuffer.allocate(100));
            assertEquals(Status.OK, r.status());
        }
    }
}
