package org.securechannel.codec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * key_share (RFC 8446 §4.2.8), in its three shapes: the client's list of shares, the server's one
 * share, and the HelloRetryRequest's bare selected group. Share contents are checked by the key
 * exchange, not here: the codec only knows they are non-empty (an empty one is illegal_parameter, like any
 * share of the wrong length; a truncated extension is decode_error).
 */
public final class KeyShareExtension {
    /** {@code KeyShareEntry}: a group code and its key_exchange<1..2^16-1>. */
    public record KeyShareEntry(int group, byte[] keyExchange) {
        public KeyShareEntry {
            Wire.checkU16(group, "key share group");
            keyExchange = Wire.copy(keyExchange, 1, 0xFFFF, "key_exchange");
        }

        @Override
        public byte[] keyExchange() {
            return keyExchange.clone();
        }

        void writeTo(TlsWriter w) {
            w.u16(group).vector16(keyExchange);
        }

        static KeyShareEntry read(TlsReader r) throws AlertException {
            int group = r.u16();
            byte[] key = r.vector16();
            if (key.length == 0) {
                // The bytes decode (a length prefix of zero that fits); what is wrong is the value, a share of the
                // wrong length for its group: illegal_parameter (RFC 8446 §4.2.8, §4.2.8.2), as for 31 bytes of
                // x25519. A prefix that runs past the extension stays decode_error (TlsReader).
                throw AlertException.illegalParameter("key_share: empty key_exchange for group " + group);
            }
            return new KeyShareEntry(group, key);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof KeyShareEntry e && e.group == group && Arrays.equals(e.keyExchange, keyExchange);
        }

        @Override
        public int hashCode() {
            return 31 * group + Arrays.hashCode(keyExchange);
        }

        @Override
        public String toString() {
            return "KeyShareEntry[group=0x" + Integer.toHexString(group) + ", " + keyExchange.length + " bytes]";
        }
    }

    private KeyShareExtension() {
    }

    /** May be empty: a client that wants the server to pick a group via HelloRetryRequest sends none. */
    public static Extension encodeClient(List<KeyShareEntry> shares) {
        List<KeyShareEntry> s = List.copyOf(shares);
        int length = 2;
        for (KeyShareEntry e : s) {
            length += 4 + e.keyExchange.length; // exact: a hybrid share is 1,216 bytes, four doublings from 256
        }
        TlsWriter w = new TlsWriter(length);
        w.vector16(b -> s.forEach(e -> e.writeTo(b)));
        return new Extension(ExtensionType.KEY_SHARE, w.toByteArray());
    }

    /** {@code KeyShareEntry client_shares<0..2^16-1>}; one group twice is an illegal_parameter (§4.2.8). */
    public static List<KeyShareEntry> parseClient(byte[] data) throws AlertException {
        TlsReader r = Wire.reader(data, "key_share");
        TlsReader list = r.sub16("key_share client_shares");
        r.expectEnd();
        List<KeyShareEntry> out = new ArrayList<>();
        Set<Integer> groups = new HashSet<>();
        while (list.hasRemaining()) {
            KeyShareEntry e = KeyShareEntry.read(list);
            if (!groups.add(e.group())) {
                throw AlertException.illegalParameter("key_share: two shares for group " + e.group());
            }
            out.add(e);
        }
        return Collections.unmodifiableList(out);
    }

    public static Extension encodeServer(KeyShareEntry share) {
        TlsWriter w = new TlsWriter(4 + share.keyExchange.length);
        share.writeTo(w);
        return new Extension(ExtensionType.KEY_SHARE, w.toByteArray());
    }

    public static KeyShareEntry parseServer(byte[] data) throws AlertException {
        TlsReader r = Wire.reader(data, "key_share");
        KeyShareEntry e = KeyShareEntry.read(r);
        r.expectEnd();
        return e;
    }

    public static Extension encodeHelloRetryRequest(int group) {
        TlsWriter w = new TlsWriter(2);
        w.u16(Wire.checkU16(group, "selected_group"));
        return new Extension(ExtensionType.KEY_SHARE, w.toByteArray());
    }

    /** Exactly one {@code NamedGroup selected_group}. */
    public static int parseHelloRetryRequest(byte[] data) throws AlertException {
        TlsReader r = Wire.reader(data, "key_share");
        int group = r.u16();
        r.expectEnd();
        return group;
    }
}
