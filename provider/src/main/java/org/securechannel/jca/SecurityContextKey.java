package org.securechannel.jca;

import java.io.NotSerializableException;
import java.io.ObjectStreamException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.PublicKey;
import org.securechannel.context.SecurityContext;
import org.securechannel.context.SecurityContextException;

/**
 * An established security context presented as a JCA key, for the provider's {@code Signature} and
 * {@code Cipher} named "SecurityContext". It is both a {@link PrivateKey} (for {@code initSign}) and a
 * {@link PublicKey} (for {@code initVerify}) because the same context both makes and checks tokens; it has
 * no encoding and cannot be serialized: the secret stays inside the context.
 */
public final class SecurityContextKey implements PrivateKey, PublicKey {
    private static final long serialVersionUID = 1L;
    public static final String ALGORITHM = "SecurityContext";

    private final transient SecurityContext context;

    private SecurityContextKey(SecurityContext context) {
        this.context = context;
    }

    /**
     * A key for {@code source}: an engine {@link SecurityContext}, or a {@link SecurityContextHolder} such as
     * the SecureChannel provider's SSLEngine, SSLSocket or SSLSession. InvalidKeyException, saying why, when
     * the context is not established or closed, or when {@code source} is of another provider or type.
     */
    public static SecurityContextKey of(Object source) throws InvalidKeyException {
        SecurityContext context;
        if (source instanceof SecurityContext) {
            context = (SecurityContext) source;
        } else if (source instanceof SecurityContextHolder) {
            context = ((SecurityContextHolder) source).securityContext();
            if (context == null) {
                throw new InvalidKeyException(source.getClass().getName() + " has no security context (its handshake has not completed, or its connection is gone)");
            }
        } else {
            throw new InvalidKeyException((source == null ? "null" : source.getClass().getName())
                    + " is not a SecureChannel security context: pass an org.securechannel.context.SecurityContext, or an "
                    + "SSLEngine, SSLSocket or SSLSession of the SecureChannel provider");
        }
        return new SecurityContextKey(usable(context));
    }

    static SecurityContext usable(SecurityContext context) throws InvalidKeyException {
        if (!context.isEstablished()) {
            String why;
            try {
                context.connectionInfo();
                why = "the security context is not established";
            } catch (SecurityContextException e) {
                why = e.getMessage(); // "the handshake has not completed" or "the security context is closed"
            }
            throw new InvalidKeyException("unusable security context: " + why);
        }
        return context;
    }

    /**
     * The context behind this key, checked to be still usable (InvalidKeyException saying why otherwise):
     * how JSSE applications reach the engine API of an SSLEngine, SSLSocket or SSLSession, e.g.
     * {@code SecurityContextKey.of(sslSession).context().impersonate(mapper, action)}.
     */
    public SecurityContext context() throws InvalidKeyException {
        return usable(context);
    }

    static SecurityContextKey cast(Object key) throws InvalidKeyException {
        if (key instanceof SecurityContextKey) {
            ((SecurityContextKey) key).context();
            return (SecurityContextKey) key;
        }
        throw new InvalidKeyException("a SecurityContext service needs a SecurityContextKey, not "
                + (key == null ? "null" : key.getClass().getName()));
    }

    @Override
    public String getAlgorithm() {
        return ALGORITHM;
    }

    /** None: the key material never leaves the context. */
    @Override
    public String getFormat() {
        return null;
    }

    @Override
    public byte[] getEncoded() {
        return null;
    }

    private Object writeReplace() throws ObjectStreamException {
        throw new NotSerializableException("a SecurityContextKey stands for a live connection and cannot be serialized");
    }
}
