package org.securechannel.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import javax.crypto.KeyAgreement;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.NamedGroup;

/**
 * ECDHE over P-256/P-384 through the JDK. The peer's point is validated here in full (RFC 8446 §4.2.8.2,
 * NIST SP 800-56A partial validation) rather than trusting the provider to do it.
 */
final class JdkEcKeyShare implements KeyShare {
    private final NamedGroup group;
    private final ECParameterSpec params;
    private final int fieldLength;
    private PrivateKey privateKey;
    private final byte[] publicValue;

    private JdkEcKeyShare(NamedGroup group, KeyPair pair) {
        this.group = group;
        ECPublicKey pub = (ECPublicKey) pair.getPublic();
        this.params = pub.getParams();
        this.fieldLength = (params.getCurve().getField().getFieldSize() + 7) / 8;
        this.privateKey = pair.getPrivate();
        this.publicValue = encode(pub.getW());
    }

    static JdkEcKeyShare generate(NamedGroup group) throws AlertException {
        try {
            KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
            kpg.initialize(new ECGenParameterSpec(group.ianaName()));
            return new JdkEcKeyShare(group, kpg.generateKeyPair());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw AlertException.internalError(group.ianaName() + " unavailable", e);
        }
    }

    /** From a known key pair (the fixed private keys of known-answer vectors); only tests need this. */
    static JdkEcKeyShare of(NamedGroup group, KeyPair pair) {
        return new JdkEcKeyShare(group, pair);
    }

    @Override
    public NamedGroup group() {
        return group;
    }

    @Override
    public byte[] publicValue() {
        return publicValue.clone();
    }

    /** Uncompressed point 0x04 || X || Y, each coordinate left-padded to the field length. */
    private byte[] encode(ECPoint w) {
        byte[] out = new byte[1 + 2 * fieldLength];
        out[0] = 4;
        putFixed(w.getAffineX(), out, 1);
        putFixed(w.getAffineY(), out, 1 + fieldLength);
        return out;
    }

    private void putFixed(BigInteger v, byte[] out, int offset) {
        byte[] b = v.toByteArray();
        int n = Math.min(b.length, fieldLength);
        System.arraycopy(b, b.length - n, out, offset + fieldLength - n, n);
    }

    @Override
    public byte[] sharedSecret(byte[] peer) throws AlertException {
        if (privateKey == null) {
            throw AlertException.internalError("key share already destroyed", null);
        }
        ECPoint point = decodeAndValidate(peer);
        byte[] secret;
        try {
            PublicKey peerKey = KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, params));
            KeyAgreement ka = KeyAgreement.getInstance("ECDH");
            ka.init(privateKey);
            ka.doPhase(peerKey, true);
            secret = ka.generateSecret();
        } catch (GeneralSecurityException | RuntimeException e) {
            throw AlertException.illegalParameter("invalid " + group.ianaName() + " key share: " + e.getMessage());
        }
        // The shared secret is the x-coordinate at full field length (RFC 8446 §7.4.2).
        if (secret.length != fieldLength) {
            byte[] fixed = new byte[fieldLength];
            int n = Math.min(secret.length, fieldLength);
            System.arraycopy(secret, secret.length - n, fixed, fieldLength - n, n);
            secret = fixed;
        }
        return secret;
    }

    private ECPoint decodeAndValidate(byte[] peer) throws AlertException {
        if (peer == null || peer.length != group.keyShareLength() || peer.length != 1 + 2 * fieldLength) {
            throw AlertException.illegalParameter(group.ianaName() + " key share has the wrong length");
        }
        if (peer[0] != 4) {
            throw AlertException.illegalParameter(group.ianaName() + " key share is not an uncompressed point");
        }
        BigInteger x = new BigInteger(1, java.util.Arrays.copyOfRange(peer, 1, 1 + fieldLength));
        BigInteger y = new BigInteger(1, java.util.Arrays.copyOfRange(peer, 1 + fieldLength, peer.length));
        BigInteger p = ((ECFieldFp) params.getCurve().getField()).getP();
        if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            throw AlertException.illegalParameter(group.ianaName() + " key share coordinate out of range");
        }
        // y^2 = x^3 + ax + b (mod p). The identity has no affine encoding, so an on-curve affine point
        // is not the identity; the cofactor of these curves is 1, so it is in the right subgroup too.
        BigInteger a = params.getCurve().getA();
        BigInteger b = params.getCurve().getB();
        BigInteger lhs = y.multiply(y).mod(p);
        BigInteger rhs = x.multiply(x).add(a).multiply(x).add(b).mod(p);
        if (!lhs.equals(rhs)) {
            throw AlertException.illegalParameter(group.ianaName() + " key share is not on the curve");
        }
        return new ECPoint(x, y);
    }

    @Override
    public void destroy() {
        privateKey = null;
    }
}
