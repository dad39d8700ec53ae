package org.securechannel.testing;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.securechannel.codec.CipherSuite;

/**
 * The default backend, watching HKDF-Expand-Label (RFC 8446 §7.1): the traffic secrets it derives are kept by
 * label ("c hs traffic", "s hs traffic", "c ap traffic", "s ap traffic"), so that a test can read or forge
 * protected records of a connection it runs, like a key log would let it. One instance per context.
 */
public final class SecretCapture extends DelegatingBackend {
    private final Map<String, byte[]> secrets = new ConcurrentHashMap<>();

    /** The last secret derived with {@code label} (without the "tls13 " prefix); fails when there is none. */
    public byte[] secret(String label) {
        byte[] s = secrets.get(label);
        if (s == null) {
            throw new AssertionError("no secret '" + label + "' derived; have " + secrets.keySet());
        }
        return s.clone();
    }

    @Override
    public byte[] hkdfExpand(CipherSuite.Hash hash, byte[] prk, byte[] info, int length) {
        byte[] out = d.hkdfExpand(hash, prk, info, length);
        // HkdfLabel: uint16 length, opaque label<7..255> ("tls13 " + label), opaque context<0..255>.
        if (info != null && info.length >= 3 && 3 + (info[2] & 0xFF) <= info.length) {
            String label = new String(info, 3, info[2] & 0xFF, StandardCharsets.US_ASCII);
            if (label.startsWith("tls13 ") && label.endsWith(" traffic")) {
                secrets.put(label.substring(6), out.clone());
            }
        }
        return out;
    }

    @Override
    public String name() {
        return "capture(" + d.name() + ")";
    }
}
