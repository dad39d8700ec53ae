package org.securechannel.jca;

import java.io.ByteArrayOutputStream;
import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SignatureException;
import java.security.SignatureSpi;
import org.securechannel.context.Reason;
import org.securechannel.context.SecurityContext;
import org.securechannel.context.SecurityContextException;

/**
 * {@code Signature.getInstance("SecurityContext")}: MakeSignature and VerifySignature through JCA.
 * {@code update} collects the message; {@code sign()} returns the context's token for it; {@code verify}
 * returns false for an altered message or token and for a replayed, reordered or reflected one, as JCA
 * expects of a signature that does not verify. SignatureException is kept for an unusable context.
 */
public final class SecurityContextSignatureSpi extends SignatureSpi {
    private final ByteArrayOutputStream message = new ByteArrayOutputStream();
    private SecurityContextKey key;

    @Override
    protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
        init(privateKey);
    }

    @Override
    protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
        init(publicKey);
    }

    private void init(Object k) throws InvalidKeyException {
        key = SecurityContextKey.cast(k);
        message.reset();
    }

    @Override
    protected void engineUpdate(byte b) {
        message.write(b);
    }

    @Override
    protected void engineUpdate(byte[] b, int off, int len) {
        message.write(b, off, len);
    }

    @Override
    protected byte[] engineSign() throws SignatureException {
        try {
            return context().makeSignature(message.toByteArray());
        } catch (SecurityContextException e) {
            throw new SignatureException("MakeSignature failed: " + e.getMessage(), e);
        } finally {
            message.reset();
        }
    }

    @Override
    protected boolean engineVerify(byte[] token) throws SignatureException {
        try {
            context().verifySignature(message.toByteArray(), token);
            return true;
        } catch (SecurityContextException e) {
            if (e.reason() == Reason.MESSAGE_ALTERED || e.reason() == Reason.OUT_OF_SEQUENCE) {
                return false;
            }
            throw new SignatureException("VerifySignature failed: " + e.getMessage(), e);
        } finally {
            message.reset();
        }
    }

    private SecurityContext context() throws SignatureException {
        if (key == null) {
            throw new SignatureException("not initialized");
        }
        try {
            return key.context();
        } catch (InvalidKeyException e) {
            throw new SignatureException(e.getMessage(), e);
        }
    }

    @Override
    @Deprecated
    protected void engineSetParameter(String param, Object value) {
        throw new InvalidParameterException("SecurityContext signatures have no parameters");
    }

    @Override
    @Deprecated
    protected Object engineGetParameter(String param) {
        throw new InvalidParameterException("SecurityContext signatures have no parameters");
    }
}
