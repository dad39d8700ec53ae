package org.securechannel.codec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The {@code Extension extensions<0..2^16-1>} block that ends most handshake messages. */
public final class Extensions {
    private Extensions() {
    }

    /**
     * Reads a u16-length-prefixed extension block. RFC 8446 §4.2: there MUST NOT be more than one
     * extension of the same type in a block, so a duplicate is an illegal_parameter; a block whose
     * entries do not exactly fill it is a decode_error.
     */
    public static List<Extension> parse(TlsReader r) throws AlertException {
        TlsReader block = r.sub16("extensions");
        List<Extension> out = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        while (block.hasRemaining()) {
            int type = block.u16();
            byte[] data = block.vector16();
            if (!seen.add(type)) {
                throw AlertException.illegalParameter("duplicate extension " + type);
            }
            out.add(new Extension(type, data));
        }
        return Collections.unmodifiableList(out);
    }

    /** Writes the block with its u16 length prefix, in list order (pre_shared_key must come last). */
    public static void write(TlsWriter w, List<Extension> exts) {
        w.vector16(v -> {
            for (Extension e : exts) {
                e.writeTo(v);
            }
        });
    }

    /** The extension of {@code type}, or null when absent. */
    public static Extension find(List<Extension> exts, int type) {
        for (Extension e : exts) {
            if (e.type() == type) {
                return e;
            }
        }
        return null;
    }

    /**
     * An unmodifiable copy for a message constructor, refusing duplicates: sending two of a type is our
     * own bug and a peer would reject it with illegal_parameter.
     */
    public static List<Extension> copyOf(List<Extension> exts) {
        List<Extension> out = List.copyOf(exts);
        Set<Integer> seen = new HashSet<>();
        for (Extension e : out) {
            if (!seen.add(e.type())) {
                throw new IllegalArgumentException("duplicate extension " + e.type());
            }
        }
        return out;
    }
}
