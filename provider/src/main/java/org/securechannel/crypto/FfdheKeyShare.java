package org.securechannel.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.KeyAgreement;
import javax.crypto.interfaces.DHPublicKey;
import javax.crypto.spec.DHParameterSpec;
import javax.crypto.spec.DHPublicKeySpec;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.NamedGroup;

/**
 * Finite-field Diffie-Hellman over the RFC 7919 groups (ffdhe2048/3072/4096), through the JDK's JCA "DH". Every
 * backend uses this one class: the rules below live here once.
 *
 * <ul>
 * <li>Our key share is g^x mod p left-padded with zeros to the prime's length (RFC 8446 §4.2.8.1); a peer's
 * share of any other length is illegal_parameter.</li>
 * <li>The peer's value must satisfy 1 &lt; y &lt; p-1 (RFC 7919 §5.1): 0, 1 and p-1 would force the secret
 * into a set of at most two values, and y &gt;= p is not a residue at all; otherwise illegal_parameter.</li>
 * <li>The shared secret is Z left-padded to the prime's length too (RFC 8446 §7.4.1), unlike TLS 1.2, which
 * strips leading zeros.</li>
 * </ul>
 *
 * <p>The private exponent is as long as RFC 7919 §5.2 suggests for each group's strength (225/275/325 bits),
 * not as long as the prime: the primes are safe primes, so a short exponent costs no security and makes
 * key generation and agreement several times faster.
 */
final class FfdheKeyShare implements KeyShare {
    /** The generator of every RFC 7919 group. */
    private static final BigInteger G = BigInteger.TWO;

    // The primes of RFC 7919 Appendix A. FfdheKeyShareTest derives them again from the formula there
    // (p = 2^b - 2^{b-64} + {[2^{b-130} e] + X} * 2^64 - 1) and checks that they are safe primes.
    private static final String FFDHE2048_P = "FFFFFFFFFFFFFFFFADF85458A2BB4A9AAFDC5620273D3CF1D8B9C583CE2D3695"
            + "A9E13641146433FBCC939DCE249B3EF97D2FE363630C75D8F681B202AEC4617A"
            + "D3DF1ED5D5FD65612433F51F5F066ED0856365553DED1AF3B557135E7F57C935"
            + "984F0C70E0E68B77E2A689DAF3EFE8721DF158A136ADE73530ACCA4F483A797A"
            + "BC0AB182B324FB61D108A94BB2C8E3FBB96ADAB760D7F4681D4F42A3DE394DF4"
            + "AE56EDE76372BB190B07A7C8EE0A6D709E02FCE1CDF7E2ECC03404CD28342F61"
            + "9172FE9CE98583FF8E4F1232EEF28183C3FE3B1B4C6FAD733BB5FCBC2EC22005"
            + "C58EF1837D1683B2C6F34A26C1B2EFFA886B423861285C97FFFFFFFFFFFFFFFF";
    private static final String FFDHE3072_P = "FFFFFFFFFFFFFFFFADF85458A2BB4A9AAFDC5620273D3CF1D8B9C583CE2D3695"
            + "A9E13641146433FBCC939DCE249B3EF97D2FE363630C75D8F681B202AEC4617A"
            + "D3DF1ED5D5FD65612433F51F5F066ED0856365553DED1AF3B557135E7F57C935"
            + "984F0C70E0E68B77E2A689DAF3EFE8721DF158A136ADE73530ACCA4F483A797A"
            + "BC0AB182B324FB61D108A94BB2C8E3FBB96ADAB760D7F4681D4F42A3DE394DF4"
            + "AE56EDE76372BB190B07A7C8EE0A6D709E02FCE1CDF7E2ECC03404CD28342F61"
            + "9172FE9CE98583FF8E4F1232EEF28183C3FE3B1B4C6FAD733BB5FCBC2EC22005"
            + "C58EF1837D1683B2C6F34A26C1B2EFFA886B4238611FCFDCDE355B3B6519035B"
            + "BC34F4DEF99C023861B46FC9D6E6C9077AD91D2691F7F7EE598CB0FAC186D91C"
            + "AEFE130985139270B4130C93BC437944F4FD4452E2D74DD364F2E21E71F54BFF"
            + "5CAE82AB9C9DF69EE86D2BC522363A0DABC521979B0DEADA1DBF9A42D5C4484E"
            + "0ABCD06BFA53DDEF3C1B20EE3FD59D7C25E41D2B66C62E37FFFFFFFFFFFFFFFF";
    private static final String FFDHE4096_P = "FFFFFFFFFFFFFFFFADF85458A2BB4A9AAFDC5620273D3CF1D8B9C583CE2D3695"
            + "A9E13641146433FBCC939DCE249B3EF97D2FE363630C75D8F681B202AEC4617A"
            + "D3DF1ED5D5FD65612433F51F5F066ED0856365553DED1AF3B557135E7F57C935"
            + "984F0C70E0E68B77E2A689DAF3EFE8721DF158A136ADE73530ACCA4F483A797A"
            + "BC0AB182B324FB61D108A94BB2C8E3FBB96ADAB760D7F4681D4F42A3DE394DF4"
            + "AE56EDE76372BB190B07A7C8EE0A6D709E02FCE1CDF7E2ECC03404CD28342F61"
            + "9172FE9CE98583FF8E4F1232EEF28183C3FE3B1B4C6FAD733BB5FCBC2EC22005"
            + "C58EF1837D1683B2C6F34A26C1B2EFFA886B4238611FCFDCDE355B3B6519035B"
            + "BC34F4DEF99C023861B46FC9D6E6C9077AD91D2691F7F7EE598CB0FAC186D91C"
            + "AEFE130985139270B4130C93BC437944F4FD4452E2D74DD364F2E21E71F54BFF"
            + "5CAE82AB9C9DF69EE86D2BC522363A0DABC521979B0DEADA1DBF9A42D5C4484E"
            + "0ABCD06BFA53DDEF3C1B20EE3FD59D7C25E41D2B669E1EF16E6F52C3164DF4FB"
            + "7930E9E4E58857B6AC7D5F42D69F6D187763CF1D5503400487F55BA57E31CC7A"
            + "7135C886EFB4318AED6A1E012D9E6832A907600A918130C46DC778F971AD0038"
            + "092999A333CB8B7A1A1DB93D7140003C2A4ECEA9F98D0ACC0A8291CDCEC97DCF"
            + "8EC9B55A7F88A46B4DB5A851F44182E1C68A007E5E655F6AFFFFFFFFFFFFFFFF";

    private static final DHParameterSpec FFDHE2048 = parameters(FFDHE2048_P, 225);
    private static final DHParameterSpec FFDHE3072 = parameters(FFDHE3072_P, 275);
    private static final DHParameterSpec FFDHE4096 = parameters(FFDHE4096_P, 325);

    private final NamedGroup group;
    private final DHParameterSpec params;
    private final int primeLength;
    private final byte[] publicValue;
    private PrivateKey privateKey;

    private FfdheKeyShare(NamedGroup group, DHParameterSpec params, KeyPair pair) {
        this.group = group;
        this.params = params;
        this.primeLength = group.keyShareLength();
        this.privateKey = pair.getPrivate();
        this.publicValue = leftPadded(((DHPublicKey) pair.getPublic()).getY(), primeLength);
    }

    private static DHParameterSpec parameters(String primeHex, int exponentBits) {
        return new DHParameterSpec(new BigInteger(primeHex, 16), G, exponentBits);
    }

    /** The RFC 7919 parameters of {@code group}; null for a group that is not finite-field. */
    static DHParameterSpec parametersOf(NamedGroup group) {
        switch (group) {
            case FFDHE2048: return FFDHE2048;
            case FFDHE3072: return FFDHE3072;
            case FFDHE4096: return FFDHE4096;
            default: return null;
        }
    }

    static FfdheKeyShare generate(NamedGroup group, SecureRandom random) throws AlertException {
        DHParameterSpec params = parametersOf(group);
        if (params == null) {
            throw AlertException.internalError(group + " is not a finite-field group", null);
        }
        try {
            KeyPairGenerator kpg = KeyPairGenerator.getInstance("DH");
            kpg.initialize(params, random);
            return new FfdheKeyShare(group, params, kpg.generateKeyPair());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw AlertException.internalError(group.ianaName() + " unavailable", e);
        }
    }

    @Override
    public NamedGroup group() {
        return group;
    }

    @Override
    public byte[] publicValue() {
        return publicValue.clone();
    }

    @Override
    public byte[] sharedSecret(byte[] peerPublicValue) throws AlertException {
        if (privateKey == null) {
            throw AlertException.internalError("key share already destroyed", null);
        }
        BigInteger y = validate(peerPublicValue);
        byte[] z;
        try {
            PublicKey peerKey = KeyFactory.getInstance("DH").generatePublic(new DHPublicKeySpec(y, params.getP(), G));
            KeyAgreement ka = KeyAgreement.getInstance("DH");
            ka.init(privateKey);
            ka.doPhase(peerKey, true);
            z = ka.generateSecret();
        } catch (GeneralSecurityException | RuntimeException e) {
            // The value passed our checks, so a refusal here is the provider's stricter opinion of it.
            throw AlertException.illegalParameter("invalid " + group.ianaName() + " key share: " + e.getMessage());
        }
        if (z.length == primeLength) {
            return z;
        }
        // Some providers strip leading zeros (TLS 1.2 style); TLS 1.3 wants the full length.
        byte[] fixed = leftPadded(new BigInteger(1, z), primeLength);
        Arrays.fill(z, (byte) 0);
        return fixed;
    }

    /** Exactly the prime's length, and 1 < y < p-1 (RFC 7919 §5.1). */
    private BigInteger validate(byte[] peer) throws AlertException {
        if (peer == null || peer.length != primeLength) {
            throw AlertException.illegalParameter(group.ianaName() + " key share must be " + primeLength + " bytes, not "
                    + (peer == null ? 0 : peer.length));
        }
        BigInteger y = new BigInteger(1, peer);
        BigInteger p = params.getP();
        if (y.compareTo(BigInteger.ONE) <= 0 || y.compareTo(p.subtract(BigInteger.ONE)) >= 0) {
            throw AlertException.illegalParameter(group.ianaName() + " key share is outside 1 < y < p-1");
        }
        return y;
    }

    /** {@code v} big-endian in exactly {@code length} bytes; v is known to be below 2^(8*length). */
    private static byte[] leftPadded(BigInteger v, int length) {
        byte[] b = v.toByteArray();
        byte[] out = new byte[length];
        int n = Math.min(b.length, length);
        System.arraycopy(b, b.length - n, out, length - n, n);
        Arrays.fill(b, (byte) 0);
        return out;
    }

    @Override
    public void destroy() {
        privateKey = null;
    }
}
