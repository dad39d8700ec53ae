package org.securechannel.jsse;

import java.util.ArrayList;
import java.util.List;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.NamedGroup;
import org.securechannel.codec.SignatureScheme;

/** JSSE's names for what the engine negotiates, and the buffer sizes JSSE callers size their buffers by. */
final class Names {
    static final String TLS13 = "TLSv1.3";
    static final String TLS12 = "TLSv1.2";
    static final List<String> SUPPORTED_PROTOCOLS = List.of(TLS13, TLS12);

    /**
     * SunJSSE's TLS packet size: 5-byte header + 16384 + 256 of expansion + 64 spare; above our largest record,
     * and above the largest TLS 1.2 AEAD record too (5 + 8 explicit nonce + 16384 + 16 tag: RFC 5246's 2^14+2048
     * allowance is for expansion the AEAD suites never make).
     */
    static final int PACKET_BUFFER_SIZE = 16709;
    /** As SunJSSE: the packet size less the header, which also holds a padded TLS 1.3 inner plaintext. */
    static final int APPLICATION_BUFFER_SIZE = PACKET_BUFFER_SIZE - 5;

    private Names() {
    }

    /** JSSE suite names are the RFC names, which our enum constants spell. */
    static String suite(CipherSuite suite) {
        return suite.name();
    }

    static CipherSuite suite(String name) {
        for (CipherSuite s : CipherSuite.values()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }

    static List<String> suites(List<CipherSuite> suites) {
        List<String> names = new ArrayList<>();
        suites.forEach(s -> names.add(suite(s)));
        return names;
    }

    /**
     * A group by the name jdk.tls.namedGroups and SSLParameters.setNamedGroups use: the IANA name, in any case
     * ("x25519", "secp256r1", "X25519MLKEM768", "SecP256r1MLKEM768", "SecP384r1MLKEM1024", as SunJSSE and BCJSSE
     * spell them); null for a name we do not support.
     */
    static NamedGroup group(String name) {
        for (NamedGroup g : NamedGroup.values()) {
            if (g.ianaName().equalsIgnoreCase(name)) {
                return g;
            }
        }
        return null;
    }

    /** The groups {@code names} lists that we support, in its order, each once (SunJSSE skips unknown names too). */
    static List<NamedGroup> groups(String[] names) {
        List<NamedGroup> groups = new ArrayList<>();
        for (String name : names) {
            NamedGroup g = name == null ? null : group(name.trim());
            if (g != null && !groups.contains(g)) {
                groups.add(g);
            }
        }
        return List.copyOf(groups);
    }

    static String[] groupNames(List<NamedGroup> groups) {
        String[] names = new String[groups.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = groups.get(i).ianaName();
        }
        return names;
    }

    /**
     * The names ExtendedSSLSession reports for signature schemes: SunJSSE's standard algorithm names
     * ("SHA256withECDSA", "Ed25519", "RSASSA-PSS", "SHA256withRSA"), which its key and trust managers
     * compare against certificate signature algorithms.
     */
    static String standardName(SignatureScheme scheme) {
        switch (scheme) {
            case ECDSA_SECP256R1_SHA256:
                return "SHA256withECDSA";
            case ECDSA_SECP384R1_SHA384:
                return "SHA384withECDSA";
            case ECDSA_SECP521R1_SHA512:
                return "SHA512withECDSA";
            case ED25519:
                return "Ed25519";
            case RSA_PKCS1_SHA256:
                return "SHA256withRSA";
            case RSA_PKCS1_SHA384:
                return "SHA384withRSA";
            case RSA_PKCS1_SHA512:
                return "SHA512withRSA";
            default:
                return "RSASSA-PSS";
        }
    }

    static List<String> standardNames(List<SignatureScheme> schemes) {
        List<String> names = new ArrayList<>();
        for (SignatureScheme s : schemes) {
            String n = standardName(s);
            if (!names.contains(n)) {
                names.add(n);
            }
        }
        return List.copyOf(names);
    }
}
