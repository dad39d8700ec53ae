package org.securechannel.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.securechannel.codec.PreSharedKeyExtension.OfferedPsks;
import org.securechannel.codec.PreSharedKeyExtension.PskIdentity;

/** pre_shared_key and early_data: round trips, and the alert RFC 8446 asks for on every malformation. */
class PreSharedKeyExtensionTest {
    private static final OfferedPsks TWO = new OfferedPsks(
            List.of(new PskIdentity(new byte[] {1, 2, 3}, 0xFFFFFFFFL), new PskIdentity(new byte[40], 7)),
            List.of(filled(32, 0x11), filled(48, 0x22)));

    private static byte[] filled(int n, int v) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) v);
        return b;
    }

    private static AlertDescription alertOf(ThrowingParse p) {
        AlertException e = assertThrows(AlertException.class, p::parse);
        return e.alert();
    }

    private interface ThrowingParse {
        void parse() throws AlertException;
    }

    @Test
    void clientFormRoundTrips() throws AlertException {
        Extension e = PreSharedKeyExtension.encodeClient(TWO);
        assertEquals(ExtensionType.PRE_SHARED_KEY, e.type());
        OfferedPsks back = PreSharedKeyExtension.parseClient(e.data());
        assertEquals(TWO.identities(), back.identities());
        assertArrayEquals(TWO.binder(1), back.binder(1));
        assertEquals(2 + 33 + 49, back.bindersLength());
        assertArrayEquals(e.data(), PreSharedKeyExtension.encodeClient(back).data());
    }

    @Test
    void everyTruncationOfTheClientFormIsADecodeError() {
        byte[] data = PreSharedKeyExtension.encodeClient(TWO).data();
        for (int n = 0; n < data.length; n++) {
            byte[] cut = Arrays.copyOf(data, n);
            assertEquals(AlertDescription.DECODE_ERROR, alertOf(() -> PreSharedKeyExtension.parseClient(cut)), "cut at " + n);
        }
        byte[] longer = Arrays.copyOf(data, data.length + 1);
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(() -> PreSharedKeyExtension.parseClient(longer)));
    }

    @Test
    void emptyListsIdentitiesAndShortBindersAreDecodeErrors() {
        // identities<7..>, binders<33..>: an empty list is below the floor.
        byte[] noIdentities = new TlsWriter().u16(0).vector16(w -> w.vector8(filled(32, 1))).toByteArray();
        byte[] noBinders = new TlsWriter().vector16(w -> w.vector16(new byte[] {1}).u32(0)).u16(0).toByteArray();
        byte[] emptyIdentity = new TlsWriter().vector16(w -> w.vector16(new byte[0]).u32(0))
                .vector16(w -> w.vector8(filled(32, 1))).toByteArray();
        byte[] shortBinder = new TlsWriter().vector16(w -> w.vector16(new byte[] {1}).u32(0))
                .vector16(w -> w.vector8(filled(31, 1))).toByteArray();
        for (byte[] bad : List.of(noIdentities, noBinders, emptyIdentity, shortBinder)) {
            assertEquals(AlertDescription.DECODE_ERROR, alertOf(() -> PreSharedKeyExtension.parseClient(bad)));
        }
    }

    @Test
    void binderCountMismatchIsIllegalParameter() {
        byte[] oneIdentityTwoBinders = new TlsWriter().vector16(w -> w.vector16(new byte[] {1}).u32(0))
                .vector16(w -> w.vector8(filled(32, 1)).vector8(filled(32, 2))).toByteArray();
        byte[] twoIdentitiesOneBinder = new TlsWriter()
                .vector16(w -> w.vector16(new byte[] {1}).u32(0).vector16(new byte[] {2}).u32(0))
                .vector16(w -> w.vector8(filled(32, 1))).toByteArray();
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, alertOf(() -> PreSharedKeyExtension.parseClient(oneIdentityTwoBinders)));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, alertOf(() -> PreSharedKeyExtension.parseClient(twoIdentitiesOneBinder)));
    }

    @Test
    void serverFormAndItsRange() throws AlertException {
        Extension e = PreSharedKeyExtension.encodeServer(1);
        assertArrayEquals(new byte[] {0, 1}, e.data());
        assertEquals(1, PreSharedKeyExtension.parseServer(e.data(), 2));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, alertOf(() -> PreSharedKeyExtension.parseServer(e.data(), 1)));
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(() -> PreSharedKeyExtension.parseServer(new byte[] {0}, 2)));
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(() -> PreSharedKeyExtension.parseServer(new byte[] {0, 0, 0}, 2)));
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(() -> PreSharedKeyExtension.parseServer(new byte[0], 2)));
    }

    @Test
    void preSharedKeyMustBeTheLastExtension() {
        Extension psk = PreSharedKeyExtension.encodeClient(TWO);
        Extension other = new Extension(ExtensionType.SERVER_NAME, new byte[0]);
        assertDoesNotThrow(() -> PreSharedKeyExtension.requireLast(List.of(other, psk)));
        assertDoesNotThrow(() -> PreSharedKeyExtension.requireLast(List.of(other)));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, alertOf(() -> PreSharedKeyExtension.requireLast(List.of(psk, other))));
    }

    @Test
    void bindersAreWrittenOverPlaceholdersAndTheCutFallsBeforeThem() throws AlertException {
        OfferedPsks placeholder = PreSharedKeyExtension.placeholder(TWO.identities(), List.of(32, 48));
        ClientHello hello = new ClientHello(0x0303, new byte[32], new byte[0], List.of(0x1301), new byte[] {0},
                List.of(new Extension(ExtensionType.SERVER_NAME, new byte[0]), PreSharedKeyExtension.encodeClient(placeholder)));
        byte[] encoded = hello.encode();
        int cut = PreSharedKeyExtension.truncatedLength(encoded, placeholder);
        byte[] filled = PreSharedKeyExtension.fillBinders(encoded, List.of(TWO.binder(0), TWO.binder(1)));
        assertArrayEquals(Arrays.copyOf(encoded, cut), Arrays.copyOf(filled, cut), "the binders change nothing before the cut");
        ClientHello back = ClientHello.parse(Hex.body(filled));
        OfferedPsks offered = PreSharedKeyExtension.parseClient(back.extension(ExtensionType.PRE_SHARED_KEY).data());
        assertArrayEquals(TWO.binder(0), offered.binder(0));
        assertArrayEquals(TWO.binder(1), offered.binder(1));
        assertThrows(IllegalArgumentException.class,
                () -> PreSharedKeyExtension.fillBinders(encoded, List.of(TWO.binder(1), TWO.binder(0))));
    }

    @Test
    void earlyDataForms() throws AlertException {
        assertEquals(0, EarlyDataExtension.encodeEmpty().dataLength());
        EarlyDataExtension.parseEmpty(new byte[0]);
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(() -> EarlyDataExtension.parseEmpty(new byte[1])));
        Extension max = EarlyDataExtension.encodeMaxEarlyDataSize(0xFFFFFFFFL);
        assertEquals(0xFFFFFFFFL, EarlyDataExtension.parseMaxEarlyDataSize(max.data()));
        byte[] data = max.data();
        for (int n = 0; n < data.length; n++) {
            byte[] cut = Arrays.copyOf(data, n);
            assertEquals(AlertDescription.DECODE_ERROR, alertOf(() -> EarlyDataExtension.parseMaxEarlyDataSize(cut)));
        }
        assertEquals(AlertDescription.DECODE_ERROR, alertOf(() -> EarlyDataExtension.parseMaxEarlyDataSize(new byte[5])));
        assertThrows(IllegalArgumentException.class, () -> EarlyDataExtension.encodeMaxEarlyDataSize(-1));
    }

    @Test
    void newSessionTicketCarriesMaxEarlyDataSize() throws AlertException {
        NewSessionTicket nst = new NewSessionTicket(7200, 0x12345678L, new byte[] {0, 1}, new byte[] {9},
                List.of(EarlyDataExtension.encodeMaxEarlyDataSize(16384)));
        NewSessionTicket back = NewSessionTicket.parse(Hex.body(nst.encode()));
        assertEquals(16384, EarlyDataExtension.parseMaxEarlyDataSize(back.extension(ExtensionType.EARLY_DATA).data()));
    }
}
