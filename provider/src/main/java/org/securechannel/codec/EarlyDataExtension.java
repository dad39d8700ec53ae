package org.securechannel.codec;

/**
 * early_data (RFC 8446 §4.2.10). Empty in a ClientHello (the client sends 0-RTT data) and in EncryptedExtensions
 * (the server accepted it); in a NewSessionTicket it carries {@code uint32 max_early_data_size}, how much 0-RTT
 * data the ticket allows. Data of the wrong shape for its message is a decode_error.
 */
public final class EarlyDataExtension {
    private EarlyDataExtension() {
    }

    /** The ClientHello and EncryptedExtensions form: no data. */
    public static Extension encodeEmpty() {
        return new Extension(ExtensionType.EARLY_DATA, new byte[0]);
    }

    public static void parseEmpty(byte[] data) throws AlertException {
        Wire.reader(data, "early_data").expectEnd();
    }

    /** The NewSessionTicket form. */
    public static Extension encodeMaxEarlyDataSize(long maxEarlyDataSize) {
        if (maxEarlyDataSize < 0 || maxEarlyDataSize > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("max_early_data_size " + maxEarlyDataSize + " is not a uint32");
        }
        return new Extension(ExtensionType.EARLY_DATA, new TlsWriter(4).u32(maxEarlyDataSize).toByteArray());
    }

    /** max_early_data_size as an unsigned value. */
    public static long parseMaxEarlyDataSize(byte[] data) throws AlertException {
        TlsReader r = Wire.reader(data, "early_data");
        long size = r.u32();
        r.expectEnd();
        return size;
    }
}
