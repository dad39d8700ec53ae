package org.securechannel.codec;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * server_name (RFC 6066 §3). The client sends a ServerNameList with one host_name; the server answers
 * with empty extension data in EncryptedExtensions when it used the name.
 */
public final class ServerNameExtension {
    /** NameType host_name. */
    public static final int HOST_NAME = 0;

    private ServerNameExtension() {
    }

    /**
     * The client's extension for {@code hostName}. RFC 6066 wants plain ASCII without a trailing dot
     * (and no IP literals, which is the caller's decision); anything else is our caller's bug.
     */
    public static Extension encode(String hostName) {
        byte[] name = hostName.getBytes(StandardCharsets.US_ASCII);
        if (name.length == 0 || name.length > 0xFFFF - 5 || !isHostNameBytes(name)
                || !new String(name, StandardCharsets.US_ASCII).equals(hostName)) {
            throw new IllegalArgumentException("not a sendable SNI host name: " + hostName);
        }
        if (hostName.endsWith(".")) {
            throw new IllegalArgumentException("SNI host name must not end in a dot: " + hostName);
        }
        TlsWriter w = new TlsWriter(name.length + 5);
        w.vector16(list -> list.u8(HOST_NAME).vector16(name));
        return new Extension(ExtensionType.SERVER_NAME, w.toByteArray());
    }

    /**
     * The host_name from a client's ServerNameList, or null when the list names no host_name. Entries
     * of other name types are skipped (they share the u16-prefixed layout in practice); two entries
     * of one type are an illegal_parameter (RFC 6066 §3).
     */
    public static String parse(byte[] data) throws AlertException {
        TlsReader r = Wire.reader(data, "server_name");
        TlsReader list = r.sub16("server_name list");
        r.expectEnd();
        Wire.requireNonEmpty(list, "server_name list");
        Set<Integer> seen = new HashSet<>();
        String hostName = null;
        while (list.hasRemaining()) {
            int nameType = list.u8();
            byte[] name = list.vector16();
            if (!seen.add(nameType)) {
                throw AlertException.illegalParameter("server_name: two names of type " + nameType);
            }
            if (nameType == HOST_NAME) {
                if (name.length == 0 || !isHostNameBytes(name)) {
                    throw AlertException.decodeError("server_name: host_name is empty or not printable ASCII");
                }
                hostName = new String(name, StandardCharsets.US_ASCII);
            }
        }
        return hostName;
    }

    /** The server's acknowledgement: server_name with empty data (RFC 6066 §3). */
    public static Extension emptyAck() {
        return new Extension(ExtensionType.SERVER_NAME, new byte[0]);
    }

    /** Whether a server's server_name data is the (only legal) empty acknowledgement. */
    public static boolean isEmptyAck(byte[] data) {
        return data.length == 0;
    }

    /** Printable ASCII without spaces: rules out NUL-injection and control characters in names. */
    private static boolean isHostNameBytes(byte[] name) {
        for (byte b : name) {
            if (b <= 0x20 || b >= 0x7F) {
                return false;
            }
        }
        return true;
    }
}
