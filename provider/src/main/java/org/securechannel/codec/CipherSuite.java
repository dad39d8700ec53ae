package org.securechannel.codec;

/**
 * Cipher suites we can negotiate. TLS 1.3 suites only name the AEAD and the hash; the coming TLS 1.2
 * work adds ECDHE+AEAD suites here (never RSA key exchange or CBC: RFC 9325).
 */
public enum CipherSuite {
    TLS_AES_128_GCM_SHA256(0x1301, Aead.AES_128_GCM, Hash.SHA256),
    TLS_AES_256_GCM_SHA384(0x1302, Aead.AES_256_GCM, Hash.SHA384),
    TLS_CHACHA20_POLY1305_SHA256(0x1303, Aead.CHACHA20_POLY1305, Hash.SHA256);

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

    CipherSuite(int code, Aead aead, Hash hash) {
        this.code = code;
        this.aead = aead;
        this.hash = hash;
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

    public static CipherSuite of(int code) {
        for (CipherSuite s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        return null;
    }
}
