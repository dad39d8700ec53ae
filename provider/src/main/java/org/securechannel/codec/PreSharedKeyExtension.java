package org.securechannel.codec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * pre_shared_key (RFC 8446 §4.2.11) in its two shapes: the ClientHello's {@link OfferedPsks} (identities with
 * obfuscated ages, then one binder per identity) and the ServerHello's selected identity. Binders are HMACs over
 * a ClientHello cut short just before the binders list, so this class also knows where that cut falls
 * ({@link #truncatedLength}) and how to write binders into an encoded ClientHello ({@link #fillBinders}).
 */
public final class PreSharedKeyExtension {
    /** The smallest binder: a SHA-256 HMAC (RFC 8446 {@code PskBinderEntry<32..255>}). */
    public static final int MIN_BINDER_LENGTH = 32;

    private PreSharedKeyExtension() {
    }

    /** {@code PskIdentity}: an opaque identity<1..2^16-1> (for us a ticket) and its obfuscated_ticket_age. */
    public record PskIdentity(byte[] identity, long obfuscatedTicketAge) {
        public PskIdentity {
            identity = Wire.copy(identity, 1, 0xFFFF, "psk identity");
            if (obfuscatedTicketAge < 0 || obfuscatedTicketAge > 0xFFFFFFFFL) {
                throw new IllegalArgumentException("obfuscated_ticket_age " + obfuscatedTicketAge + " is not a uint32");
            }
        }

        @Override
        public byte[] identity() {
            return identity.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PskIdentity p && p.obfuscatedTicketAge == obfuscatedTicketAge
                    && Arrays.equals(p.identity, identity);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(identity) + Long.hashCode(obfuscatedTicketAge);
        }

        @Override
        public String toString() {
            return "PskIdentity[" + identity.length + " bytes, age " + obfuscatedTicketAge + "]";
        }
    }

    /** The ClientHello form: identities and binders, as many of one as of the other, in the same order. */
    public record OfferedPsks(List<PskIdentity> identities, List<byte[]> binders) {
        public OfferedPsks {
            identities = List.copyOf(identities);
            List<byte[]> copies = new ArrayList<>(binders.size());
            for (byte[] b : binders) {
                copies.add(Wire.copy(b, MIN_BINDER_LENGTH, 0xFF, "psk binder"));
            }
            binders = Collections.unmodifiableList(copies);
            if (identities.isEmpty() || identities.size() != binders.size()) {
                throw new IllegalArgumentException(identities.size() + " identities and " + binders.size()
                        + " binders: need at least one of each, as many of one as of the other");
            }
        }

        /** Binder {@code i}, a copy. */
        public byte[] binder(int i) {
            return binders.get(i).clone();
        }

        /** Bytes the binders list takes at the end of the ClientHello: its uint16 length and each vector8. */
        public int bindersLength() {
            int n = 2;
            for (byte[] b : binders) {
                n += 1 + b.length;
            }
            return n;
        }
    }

    public static Extension encodeClient(OfferedPsks offer) {
        TlsWriter w = new TlsWriter(64 + offer.bindersLength());
        w.vector16(ids -> offer.identities().forEach(id -> ids.vector16(id.identity).u32(id.obfuscatedTicketAge)));
        w.vector16(bs -> offer.binders().forEach(bs::vector8));
        return new Extension(ExtensionType.PRE_SHARED_KEY, w.toByteArray());
    }

    /**
     * An offer whose binders are zeros of the given lengths (each the HashLen of that PSK's suite): what a client
     * encodes first, so that the ClientHello has its final length before the binders are computed over it.
     */
    public static OfferedPsks placeholder(List<PskIdentity> identities, List<Integer> binderLengths) {
        List<byte[]> zeros = new ArrayList<>(binderLengths.size());
        for (int n : binderLengths) {
            zeros.add(new byte[n]);
        }
        return new OfferedPsks(identities, zeros);
    }

    /**
     * {@code OfferedPsks}. Syntax is decode_error: a truncated or overlong list, an empty identity, an empty
     * identities or binders list (their floors are 7 and 33 bytes), a binder under 32 bytes. One binder per
     * identity is a rule of the values, so a count mismatch is illegal_parameter (as BoringSSL and OpenSSL send).
     */
    public static OfferedPsks parseClient(byte[] data) throws AlertException {
        TlsReader r = Wire.reader(data, "pre_shared_key");
        TlsReader ids = r.sub16("pre_shared_key identities");
        TlsReader bs = r.sub16("pre_shared_key binders");
        r.expectEnd();
        Wire.requireNonEmpty(ids, "pre_shared_key identities");
        Wire.requireNonEmpty(bs, "pre_shared_key binders");
        List<PskIdentity> identities = new ArrayList<>();
        while (ids.hasRemaining()) {
            byte[] identity = ids.vector16();
            long age = ids.u32();
            if (identity.length == 0) {
                throw AlertException.decodeError("pre_shared_key: empty identity");
            }
            identities.add(new PskIdentity(identity, age));
        }
        List<byte[]> binders = new ArrayList<>();
        while (bs.hasRemaining()) {
            byte[] binder = bs.vector8();
            if (binder.length < MIN_BINDER_LENGTH) {
                throw AlertException.decodeError("pre_shared_key: " + binder.length + "-byte binder, need at least "
                        + MIN_BINDER_LENGTH);
            }
            binders.add(binder);
        }
        if (identities.size() != binders.size()) {
            throw AlertException.illegalParameter("pre_shared_key: " + identities.size() + " identities but "
                    + binders.size() + " binders");
        }
        return new OfferedPsks(identities, binders);
    }

    /** The ServerHello form: {@code uint16 selected_identity}. */
    public static Extension encodeServer(int selectedIdentity) {
        Wire.checkU16(selectedIdentity, "selected_identity");
        return new Extension(ExtensionType.PRE_SHARED_KEY, new byte[] {(byte) (selectedIdentity >>> 8), (byte) selectedIdentity});
    }

    /**
     * The server's selected_identity, which must index one of the {@code offered} identities: a server that picks
     * one we did not offer is an illegal_parameter (RFC 8446 §4.2.11).
     */
    public static int parseServer(byte[] data, int offered) throws AlertException {
        TlsReader r = Wire.reader(data, "pre_shared_key");
        int selected = r.u16();
        r.expectEnd();
        if (selected >= offered) {
            throw AlertException.illegalParameter("pre_shared_key: server selected identity " + selected + " of "
                    + offered + " offered");
        }
        return selected;
    }

    /**
     * pre_shared_key must be the ClientHello's last extension (RFC 8446 §4.2.11): a server checks this before
     * anything else, and fails with illegal_parameter. Does nothing when there is no pre_shared_key.
     */
    public static void requireLast(List<Extension> clientHelloExtensions) throws AlertException {
        for (int i = 0; i < clientHelloExtensions.size() - 1; i++) {
            if (clientHelloExtensions.get(i).type() == ExtensionType.PRE_SHARED_KEY) {
                throw AlertException.illegalParameter("pre_shared_key is not the last extension of the ClientHello");
            }
        }
    }

    /**
     * How many leading bytes of {@code clientHello} (the encoded message, with its 4-byte header, whose last
     * extension is pre_shared_key carrying {@code offer}) the binders cover: all of it up to the binders list
     * (RFC 8446 §4.2.11.2, "Transcript-Hash(Truncate(ClientHello1))").
     */
    public static int truncatedLength(byte[] clientHello, OfferedPsks offer) {
        int n = clientHello.length - offer.bindersLength();
        if (n < HandshakeHeader.LENGTH) {
            throw new IllegalArgumentException("a " + clientHello.length + "-byte ClientHello cannot hold these binders");
        }
        return n;
    }

    /**
     * A copy of {@code clientHello} (encoded with {@link #placeholder} binders of these lengths) with the real
     * {@code binders} written over the placeholders, so the client does not encode its ClientHello twice.
     */
    public static byte[] fillBinders(byte[] clientHello, List<byte[]> binders) {
        int total = 2;
        for (byte[] b : binders) {
            total += 1 + b.length;
        }
        if (total > clientHello.length) {
            throw new IllegalArgumentException("binders longer than the ClientHello");
        }
        byte[] out = clientHello.clone();
        int p = out.length - total;
        if (((out[p] & 0xFF) << 8 | (out[p + 1] & 0xFF)) != total - 2) {
            throw new IllegalArgumentException("the ClientHello does not end in a binders list of these lengths");
        }
        p += 2;
        for (byte[] b : binders) {
            if ((out[p] & 0xFF) != b.length) {
                throw new IllegalArgumentException("binder of " + b.length + " bytes where the placeholder has " + (out[p] & 0xFF));
            }
            System.arraycopy(b, 0, out, p + 1, b.length);
            p += 1 + b.length;
        }
        return out;
    }
}
