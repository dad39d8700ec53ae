package org.securechannel.perf;

import java.nio.ByteBuffer;

/**
 * What a ServerHello says on the wire (it is the last plaintext message of a TLS 1.3 handshake): the
 * version from supported_versions, the suite, the key_share group (TLS 1.2: the ServerKeyExchange's curve
 * when the captured flight holds it), whether it is a HelloRetryRequest, and the session id (TLS 1.2: an
 * echo of the ClientHello's means the server resumes that session, RFC 5246 §7.4.1.3).
 * Decoding the wire works for every provider alike, including those that do not expose the group.
 */
record ServerHelloInfo(int version, int cipherSuite, int group, boolean helloRetryRequest, byte[] sessionId) {
    private static final byte[] HRR_RANDOM = hex(
            "CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C");

    /** Parses the first record of a server's first flight; throws if it is not a ServerHello. */
    static ServerHelloInfo parse(byte[] flight) {
        ByteBuffer b = ByteBuffer.wrap(flight);
        require(b.get() == 22, "first server record is not a handshake record");
        b.getShort();
        int recordLength = b.getShort() & 0xFFFF;
        require(b.remaining() >= recordLength, "ServerHello record truncated");
        require(b.get() == 2, "first server message is not a ServerHello");
        b.position(b.position() + 3 + 2);
        byte[] random = new byte[32];
        b.get(random);
        boolean hrr = java.util.Arrays.equals(random, HRR_RANDOM);
        byte[] sessionId = new byte[b.get() & 0xFF];
        b.get(sessionId);
        int suite = b.getShort() & 0xFFFF;
        b.get();
        int extensionsEnd = (b.getShort() & 0xFFFF) + b.position();
        int version = 0x0303;
        int group = -1;
        while (b.position() < extensionsEnd) {
            int type = b.getShort() & 0xFFFF;
            int length = b.getShort() & 0xFFFF;
            int next = b.position() + length;
            if (type == 0x002B) {
                version = b.getShort() & 0xFFFF;
            } else if (type == 0x0033) {
                group = b.getShort() & 0xFFFF;
            }
            b.position(next);
        }
        if (group == -1) {
            group = tls12Group(flight);
        }
        return new ServerHelloInfo(version, suite, group, hrr, sessionId);
    }

    /** TLS 1.2: the named curve of a ServerKeyExchange among the flight's plaintext handshake records, or -1. */
    private static int tls12Group(byte[] flight) {
        java.io.ByteArrayOutputStream messages = new java.io.ByteArrayOutputStream();
        ByteBuffer records = ByteBuffer.wrap(flight);
        while (records.remaining() >= 5 && records.get(records.position()) == 22) {
            records.position(records.position() + 3);
            int length = records.getShort() & 0xFFFF;
            if (records.remaining() < length) {
                break;
            }
            messages.write(flight, records.position(), length);
            records.position(records.position() + length);
        }
        ByteBuffer m = ByteBuffer.wrap(messages.toByteArray());
        while (m.remaining() >= 4) {
            int type = m.get() & 0xFF;
            int length = ((m.get() & 0xFF) << 16) | ((m.get() & 0xFF) << 8) | (m.get() & 0xFF);
            if (m.remaining() < length) {
                break;
            }
            if (type == 12 && length >= 3 && m.get(m.position()) == 3) {
                return ((m.get(m.position() + 1) & 0xFF) << 8) | (m.get(m.position() + 2) & 0xFF);
            }
            m.position(m.position() + length);
        }
        return -1;
    }

    static String groupName(int group) {
        switch (group) {
            case 0x001D: return "x25519";
            case 0x0017: return "secp256r1";
            case 0x0018: return "secp384r1";
            case 0x0100: return "ffdhe2048";
            case 0x0101: return "ffdhe3072";
            case 0x0102: return "ffdhe4096";
            case 0x11EB: return "SecP256r1MLKEM768";
            case 0x11EC: return "X25519MLKEM768";
            case 0x11ED: return "SecP384r1MLKEM1024";
            default: return String.format("0x%04X", group);
        }
    }

    static String suiteName(int suite) {
        switch (suite) {
            case 0x1301: return "TLS_AES_128_GCM_SHA256";
            case 0x1302: return "TLS_AES_256_GCM_SHA384";
            case 0x1303: return "TLS_CHACHA20_POLY1305_SHA256";
            case 0xC02B: return "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
            case 0xCCA9: return "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256";
            default: return String.format("0x%04X", suite);
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }

    private static byte[] hex(String s) {
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
