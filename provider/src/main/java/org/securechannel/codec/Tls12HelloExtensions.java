package org.securechannel.codec;

/**
 * The hello extensions only TLS 1.2 reads: extended_master_secret (RFC 7627 §5.1, empty), renegotiation_info
 * (RFC 5746 §3.2, {@code opaque renegotiated_connection<0..255>}) and ec_point_formats (RFC 8422 §5.1.2,
 * {@code ECPointFormat ec_point_format_list<1..2^8-1>}; uncompressed, 0, is the only format left).
 */
public final class Tls12HelloExtensions {
    /** ECPointFormat uncompressed. */
    public static final int UNCOMPRESSED = 0;
    /** The signalling suite value that stands for an empty renegotiation_info in a ClientHello (RFC 5746 §3.3). */
    public static final int TLS_EMPTY_RENEGOTIATION_INFO_SCSV = 0x00FF;
    /** RFC 7507: a client that retried with a lower version than it supports says so with this suite value. */
    public static final int TLS_FALLBACK_SCSV = 0x5600;

    private Tls12HelloExtensions() {
    }

    public static Extension extendedMasterSecret() {
        return new Extension(ExtensionType.EXTENDED_MASTER_SECRET, new byte[0]);
    }

    /** An initial handshake's renegotiation_info: an empty renegotiated_connection. */
    public static Extension emptyRenegotiationInfo() {
        return new Extension(ExtensionType.RENEGOTIATION_INFO, new byte[] {0});
    }

    public static Extension uncompressedPointsOnly() {
        return new Extension(ExtensionType.EC_POINT_FORMATS, new byte[] {1, UNCOMPRESSED});
    }

    /** extended_master_secret must be empty (RFC 7627 §5.1): anything else is a decode_error. */
    public static boolean hasExtendedMasterSecret(Extension e) throws AlertException {
        if (e == null) {
            return false;
        }
        if (e.dataLength() != 0) {
            throw AlertException.decodeError("extended_master_secret with " + e.dataLength() + " bytes of data");
        }
        return true;
    }

    /** The renegotiated_connection of a renegotiation_info extension. */
    public static byte[] renegotiatedConnection(Extension e) throws AlertException {
        TlsReader r = new TlsReader(e.data(), "renegotiation_info");
        byte[] connection = r.vector8();
        r.expectEnd();
        return connection;
    }

    /** Whether an ec_point_formats list (well formed, not empty) includes uncompressed points. */
    public static boolean acceptsUncompressed(Extension e) throws AlertException {
        TlsReader r = new TlsReader(e.data(), "ec_point_formats");
        byte[] formats = r.vector8();
        r.expectEnd();
        if (formats.length == 0) {
            throw AlertException.decodeError("ec_point_formats: empty list");
        }
        for (byte f : formats) {
            if (f == UNCOMPRESSED) {
                return true;
            }
        }
        return false;
    }
}
