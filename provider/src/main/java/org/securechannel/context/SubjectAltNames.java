package org.securechannel.context;

import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * A certificate's subject alternative names of one kind, as strings. The JDK parses the extension; for
 * otherName entries it hands back DER, and the only one we read, Microsoft's UPN
 * (OID 1.3.6.1.4.1.311.20.2.3, a UTF8String), is decoded by the few lines of DER below.
 */
public final class SubjectAltNames {
    /** The kinds of name the mappers understand. */
    public enum Kind {
        /** rfc822Name. */
        EMAIL,
        /** dNSName. */
        DNS,
        /** otherName userPrincipalName, e.g. {@code alice@corp.example.com}. */
        UPN;

        String normalize(String name) {
            if (this == DNS) {
                return name.toLowerCase(Locale.ROOT);
            }
            int at = name.lastIndexOf('@');
            return at < 0 ? name : name.substring(0, at) + name.substring(at).toLowerCase(Locale.ROOT);
        }
    }

    private static final int OTHER_NAME = 0;
    private static final int RFC822_NAME = 1;
    private static final int DNS_NAME = 2;
    /** DER of OBJECT IDENTIFIER 1.3.6.1.4.1.311.20.2.3. */
    private static final byte[] UPN_OID = {0x06, 0x0A, 0x2B, 0x06, 0x01, 0x04, 0x01, (byte) 0x82, 0x37, 0x14, 0x02, 0x03};

    private SubjectAltNames() {
    }

    /** The names of {@code kind} in {@code cert}, in certificate order; empty when none or unparseable. */
    public static List<String> of(X509Certificate cert, Kind kind) {
        Collection<List<?>> sans;
        try {
            sans = cert.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (List<?> san : sans == null ? List.<List<?>>of() : sans) {
            if (san.size() < 2 || !(san.get(0) instanceof Integer)) {
                continue;
            }
            int type = (Integer) san.get(0);
            Object value = san.get(1);
            if (kind == Kind.EMAIL && type == RFC822_NAME && value instanceof String
                    || kind == Kind.DNS && type == DNS_NAME && value instanceof String) {
                names.add((String) value);
            } else if (kind == Kind.UPN && type == OTHER_NAME && value instanceof byte[]) {
                String upn = upn((byte[]) value);
                if (upn != null) {
                    names.add(upn);
                }
            }
        }
        return names;
    }

    /**
     * The UPN in an otherName's DER, or null when it is another otherName or malformed.
     * OtherName ::= SEQUENCE { type-id OBJECT IDENTIFIER, value [0] EXPLICIT UTF8String }; the JDK gives
     * it with the SEQUENCE tag, some encoders with the GeneralName's [0] tag: both are accepted, as is the
     * doubled [0] around the value that the JDK's re-encoding produces.
     */
    static String upn(byte[] der) {
        Der outer = Der.read(der, 0, der.length);
        if (outer == null || (outer.tag != 0x30 && outer.tag != (byte) 0xA0)) {
            return null;
        }
        int p = outer.start;
        if (p + UPN_OID.length > outer.end || !Arrays.equals(der, p, p + UPN_OID.length, UPN_OID, 0, UPN_OID.length)) {
            return null;
        }
        Der explicit = Der.read(der, p + UPN_OID.length, outer.end);
        if (explicit == null || explicit.tag != (byte) 0xA0) {
            return null;
        }
        Der string = Der.read(der, explicit.start, explicit.end);
        if (string != null && string.tag == (byte) 0xA0 && string.end == explicit.end) {
            // JDK 17 re-encodes the value with its [0] tag doubled (JDK 25 does not); look one level further in.
            explicit = string;
            string = Der.read(der, explicit.start, explicit.end);
        }
        if (string == null || string.tag != 0x0C || string.end != explicit.end) {
            return null;
        }
        return new String(der, string.start, string.end - string.start, StandardCharsets.UTF_8);
    }

    /** One DER tag-length-value inside {@code [from, limit)}: its tag and content bounds. */
    private record Der(byte tag, int start, int end) {
        static Der read(byte[] b, int from, int limit) {
            if (from + 2 > limit) {
                return null;
            }
            byte tag = b[from];
            int first = b[from + 1] & 0xFF;
            int p = from + 2;
            long length;
            if (first < 0x80) {
                length = first;
            } else {
                int n = first & 0x7F;
                if (n == 0 || n > 3 || p + n > limit) {
                    return null; // indefinite or absurd lengths are not DER for a name
                }
                length = 0;
                for (int i = 0; i < n; i++) {
                    length = (length << 8) | (b[p++] & 0xFF);
                }
            }
            return p + length > limit ? null : new Der(tag, p, (int) (p + length));
        }
    }
}
