package org.securechannel.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.agreement.ECDHBasicAgreement;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.BigIntegers;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.NamedGroup;

/**
 * ECDHE over P-256/P-384 on Bouncy Castle's custom curves. The peer's point gets the same full validation
 * as in JdkEcKeyShare: exact length, uncompressed, coordinates below p, on the curve (cofactor 1).
 */
final class BouncyCastleEcKeyShare implements KeyShare {
    private final NamedGroup group;
    private final ECDomainParameters domain;
    private final int fieldLength;
    private ECPrivateKeyParameters privateKey;
    private final byte[] publicValue;

    private BouncyCastleEcKeyShare(NamedGroup group, ECDomainParameters domain, AsymmetricCipherKeyPair pair) {
        this.group = group;
        this.domain = domain;
        this.fieldLength = (domain.getCurve().getFieldSize() + 7) / 8;
        this.privateKey = (ECPrivateKeyParameters) pair.getPrivate();
        this.publicValue = ((ECPublicKeyParameters) pair.getPublic()).getQ().getEncoded(false);
    }

    static BouncyCastleEcKeyShare generate(NamedGroup group, SecureRandom random) {
        ECDomainParameters domain = BouncyCastleCurves.of(group);
        ECKeyPairGenerator g = new ECKeyPairGenerator();
        g.init(new ECKeyGenerationParameters(domain, random));
        return new BouncyCastleEcKeyShare(group, domain, g.generateKeyPair());
    }

    /** From a known private scalar (the fixed keys of known-answer vectors); only tests need this. */
    static BouncyCastleEcKeyShare fromPrivateScalar(NamedGroup group, BigInteger d) {
        ECDomainParameters domain = BouncyCastleCurves.of(group);
        ECPoint q = new FixedPointCombMultiplier().multiply(domain.getG(), d).normalize();
        return new BouncyCastleEcKeyShare(group, domain, new AsymmetricCipherKeyPair(
                new ECPublicKeyParameters(q, domain), new ECPrivateKeyParameters(d, domain)));
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
    public byte[] sharedSecret(byte[] peer) throws AlertException {
        if (privateKey == null) {
            throw AlertException.internalError("key share already destroyed", null);
        }
        ECPoint point = decodeAndValidate(peer);
        BigInteger x;
        try {
            ECDHBasicAgreement agreement = new ECDHBasicAgreement();
            agreement.init(privateKey);
            x = agreement.calculateAgreement(new ECPublicKeyParameters(point, domain));
        } catch (RuntimeException e) {
            throw AlertException.illegalParameter("invalid " + group.ianaName() + " key share: " + e.getMessage());
        }
        // The shared secret is the x-coordinate at full field length (RFC 8446 §7.4.2).
        return BigIntegers.asUnsignedByteArray(fieldLength, x);
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
        BigInteger p = domain.getCurve().getField().getCharacteristic();
        if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            throw AlertException.illegalParameter(group.ianaName() + " key share coordinate out of range");
        }
        ECPoint point;
        try {
            // validatePoint checks the curve equation; an affine point is never the identity, and the
            // cofactor of these curves is 1.
            point = domain.getCurve().validatePoint(x, y);
        } catch (IllegalArgumentException e) {
            throw AlertException.illegalParameter(group.ianaName() + " key share is not on the curve");
        }
        return point;
    }

    @Override
    public void destroy() {
        privateKey = null;
    }
}
