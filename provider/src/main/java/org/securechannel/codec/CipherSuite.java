package org.securechannel.codec;

/**
 * Cipher suites we can negotiate. TLS 1.3 suites only name the AEAD and the hash; the TLS 1.2 ones are
 * ECDHE with an AEAD and name the certificate's key type too (never RSA key exchange, CBC, DHE or static DH:
 * RFC 9325). The enum order is no preference: configurations carry their own lists.
 */
public enum CipherSuite {
    TLS_AES_128_GCM_SHA256(0x1301, Aead.AES_128_GCM, Hash.SHA256),
    TLS_AES_256_GCM_SHA384(0x1302, Aead.AES_256_GCM, Hash.SHA384),
    TLS_CHACHA20_POLY1305_SHA256(0x1303, Aead.CHACHA20_POLY1305, Hash.SHA256),
    TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256(0xC02B, Aead.AES_128_GCM, Hash.SHA256, Authentication.ECDSA),
    TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256(0xC02F, Aead.AES_128_GCM, Hash.SHA256, Authentication.RSA),
    TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384(0xC02C, Aead.AES_256_GCM, Hash.SHA384, Authentication.ECDSA),
    TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384(0xC030, Aead.AES_256_GCM, Hash.SHA384, Authentication.RSA),
    TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256(0xCCA9, Aead.CHACHA20_POLY1305, Hash.SHA256, Authentication.ECDSA),
    TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256(0xCCA8, Aead.CHACHA20_POLY1305, Hash.SHA256, Authentication.RSA);

    /** The key type a TLS 1.2 suite's server certificate must have; TLS 1.3 suites leave it to the schemes. */
    public enum Authentication { ANY, ECDSA, RSA }

    /** The AEAD algorithms of the record layer. */
    public enum Aead {
        AES_128_GCM(16),
        AES_256_GCM(32),
        CHACHA20_POLY1305(32);

        private final int keyLength;

        Aead(int keyLength) {
            this.keyLength = keyLength;
        }

        public int keyLength() {
            return keyLength;
        }

        public int ivLength() {
            return 12;
        }

        public int tagLength() {
            return 16;
        }
    }

    /** The hash of the key schedule and transcript. */
    public enum Hash {
        SHA256("SHA-256", "HmacSHA256", 32),
        SHA384("SHA-384", "HmacSHA384", 48);

        private final String jcaName;
        private final String hmacName;
        private final int length;

        Hash(String jcaName, String hmacName, int length) {
            this.jcaName = jcaName;
            this.hmacName = hmacName;
            this.length = length;
        }

        public String jcaName() {
            return jcaName;
        }

        public String hmacName() {
            return hmacName;
        }

        public int length() {
            return length;
        }
    }

    private final int code;
    private final Aead aead;
    private final Hash hash;
    private final Authentication authentication;

    /** A TLS 1.3 suite. */
    CipherSuite(int code, Aead aead, Hash hash) {
        this(code, aead, hash, Authentication.ANY);
    }

    CipherSuite(int code, Aead aead, Hash hash, Authentication authentication) {
        this.code = code;
        this.aead = aead;
        this.hash = hash;
        this.authentication = authentication;
    }

    /** The one version this suite is negotiated in. */
    public ProtocolVersion version() {
        return authentication == Authentication.ANY ? ProtocolVersion.TLS13 : ProtocolVersion.TLS12;
    }

    public Authentication authentication() {
        return authentication;
    }

    public int code() {
        return code;
    }

    public Aead aead() {
        return aead;
    }

    public Hash hash() {
        return hash;
    }

    /** The IANA / JSSE name, e.g. {@code TLS_AES_128_GCM_SHA256}. */
    public String jsseName() {
        return name();
    }

    /** values() copies its array on every call, and parsing a ClientHello calls of() once per list entry. */
    private static final CipherSuite[] ALL = values();

    public static CipherSuite of(int code) {
        for (CipherSuite s : ALL) {
            if (s.code == code) {
                return s;
            }
        }
        return null;
    }
}
