package org.securechannel.crypto;

import org.securechannel.codec.AlertException;

/**
 * The ML-KEM parameter sets the hybrid groups use (FIPS 203 §8, table 3), and the input checks FIPS 203 §7
 * requires before a key or ciphertext from the wire is used. Every ML-KEM implementation calls these checks, so
 * the rules live here once; a failed check is the peer's fault: illegal_parameter.
 */
public enum MlKemParameterSet {
    ML_KEM_768(3, 1088),
    ML_KEM_1024(4, 1568);

    /** The field modulus q (FIPS 203 §2.4): every coefficient of an encapsulation key is below it. */
    static final int Q = 3329;
    /** Shared secrets are 32 bytes for every parameter set. */
    public static final int SHARED_SECRET_LENGTH = 32;
    /** Key generation seeds are d ‖ z, 32 bytes each (FIPS 203 §6.1 ML-KEM.KeyGen_internal). */
    public static final int SEED_LENGTH = 64;
    /** Encapsulation randomness m (FIPS 203 §6.2). */
    public static final int MESSAGE_LENGTH = 32;

    private final int k;
    private final int ciphertextLength;

    MlKemParameterSet(int k, int ciphertextLength) {
        this.k = k;
        this.ciphertextLength = ciphertextLength;
    }

    /** 384·k bytes of ByteEncode12(t̂) followed by the 32-byte ρ. */
    public int encapsulationKeyLength() {
        return 384 * k + 32;
    }

    public int ciphertextLength() {
        return ciphertextLength;
    }

    /**
     * FIPS 203 §7.2 encapsulation input checks: the type check (exact length) and the modulus check
     * (ByteEncode12(ByteDecode12(t̂)) = t̂, i.e. every 12-bit coefficient below q). The key is public, so the
     * check need not be constant-time.
     */
    public void checkEncapsulationKey(byte[] ek) throws AlertException {
        if (ek == null || ek.length != encapsulationKeyLength()) {
            throw AlertException.illegalParameter(name() + " encapsulation key must be " + encapsulationKeyLength()
                    + " bytes, not " + (ek == null ? 0 : ek.length));
        }
        // Two 12-bit little-endian coefficients in every three bytes (FIPS 203 Algorithm 5, d = 12).
        for (int i = 0; i < 384 * k; i += 3) {
            int b0 = ek[i] & 0xFF;
            int b1 = ek[i + 1] & 0xFF;
            int b2 = ek[i + 2] & 0xFF;
            int first = b0 | (b1 & 0x0F) << 8;
            int second = b1 >>> 4 | b2 << 4;
            if (first >= Q || second >= Q) {
                throw AlertException.illegalParameter(name() + " encapsulation key fails the FIPS 203 modulus check");
            }
        }
    }

    /** FIPS 203 §7.3 decapsulation input check on the ciphertext: its exact length. */
    public void checkCiphertext(byte[] ciphertext) throws AlertException {
        if (ciphertext == null || ciphertext.length != ciphertextLength) {
            throw AlertException.illegalParameter(name() + " ciphertext must be " + ciphertextLength + " bytes, not "
                    + (ciphertext == null ? 0 : ciphertext.length));
        }
    }
}
