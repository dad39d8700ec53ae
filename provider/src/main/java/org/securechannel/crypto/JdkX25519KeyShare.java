package org.securechannel.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import javax.crypto.KeyAgreement;
import org.securechannel.codec.AlertException;

/** X25519 (RFC 7748) through the JDK's XDH; public values are 32-byte little-endian u-coordinates. */
final class JdkX25519KeyShare extends X25519KeyShare {
    private static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));

    private PrivateKey privateKey;

    private JdkX25519KeyShare(PrivateKey privateKey, byte[] publicValue) {
        super(publicValue);
        this.privateKey = privateKey;
    }

    static JdkX25519KeyShare generate() throws AlertException {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("X25519").generateKeyPair();
            return new JdkX25519KeyShare(pair.getPrivate(), encodeU(((XECPublicKey) pair.getPublic()).getU()));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw AlertException.internalError("x25519 unavailable", e);
        }
    }

    /**
     * A key share from a known private scalar (RFC 7748 byte string). Only tests need this: reproducing
     * RFC 8448 requires the trace's fixed keys.
     */
    static JdkX25519KeyShare fromPrivateScalar(byte[] scalar) throws AlertException {
        try {
            PrivateKey key = KeyFactory.getInstance("XDH")
                    .generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, scalar.clone()));
            // The public value is X25519(k, 9): agreement with the base point.
            byte[] base = new byte[LENGTH];
            base[0] = 9;
            return new JdkX25519KeyShare(key, xdh(key, base));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw AlertException.internalError("x25519 unavailable", e);
        }
    }

    @Override
    byte[] agree(byte[] peerPublicValue) throws AlertException {
        try {
            return xdh(privateKey, peerPublicValue);
        } catch (GeneralSecurityException | RuntimeException e) {
            // The JDK rejects small-order points itself ("Point has small order").
            throw AlertException.illegalParameter("invalid x25519 key share: " + e.getMessage());
        }
    }

    private static byte[] xdh(PrivateKey key, byte[] peerU) throws GeneralSecurityException {
        PublicKey peer = KeyFactory.getInstance("XDH")
                .generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, decodeU(peerU)));
        KeyAgreement ka = KeyAgreement.getInstance("XDH");
        ka.init(key);
        ka.doPhase(peer, true);
        return ka.generateSecret();
    }

    /** RFC 7748 §5 decodeUCoordinate: little-endian, top bit masked, non-canonical values reduced. */
    static BigInteger decodeU(byte[] le) {
        byte[] be = new byte[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            be[i] = le[LENGTH - 1 - i];
        }
        be[0] &= 0x7F;
        return new BigInteger(1, be).mod(P);
    }

    static byte[] encodeU(BigInteger u) {
        byte[] be = u.toByteArray();
        byte[] le = new byte[LENGTH];
        // toByteArray is big-endian and may carry a sign byte or be shorter than 32 bytes.
        for (int i = 0; i < LENGTH && i < be.length; i++) {
            le[i] = be[be.length - 1 - i];
        }
        return le;
    }

    @Override
    void forgetPrivateKey() {
        // JDK XEC private keys are not Destroyable in 17; dropping the reference is the best we can do.
        privateKey = null;
    }
}
