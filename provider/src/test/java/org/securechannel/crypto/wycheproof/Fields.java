package org.securechannel.crypto.wycheproof;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** A JSON object of a vector file with typed getters; a missing or mistyped member is an error in the file. */
public class Fields {
    private final String where;
    private final Map<String, Object> members;

    Fields(String where, Map<String, Object> members) {
        this.where = where;
        this.members = members;
    }

    public boolean has(String name) {
        return members.containsKey(name);
    }

    public String string(String name) {
        return get(name, String.class);
    }

    public int integer(String name) {
        return Math.toIntExact(get(name, Long.class));
    }

    /** A hex string member as bytes ("" is zero bytes). */
    public byte[] hex(String name) {
        return HexFormat.of().parseHex(string(name));
    }

    public Fields object(String name) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = get(name, Map.class);
        return new Fields(where + "." + name, m);
    }

    @SuppressWarnings("unchecked")
    List<Object> list(String name) {
        return get(name, List.class);
    }

    private <T> T get(String name, Class<T> type) {
        Object v = members.get(name);
        if (!type.isInstance(v)) {
            throw new IllegalArgumentException(where + ": member '" + name + "' is "
                    + (v == null ? "missing" : "a " + v.getClass().getSimpleName()) + ", not a " + type.getSimpleName());
        }
        return type.cast(v);
    }

    @Override
    public String toString() {
        return where;
    }
}
