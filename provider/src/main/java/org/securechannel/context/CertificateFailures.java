package org.securechannel.context;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.securechannel.codec.AlertDescription;

/**
 * Turns a trust manager's verdict into the alert RFC 8446 §6.2 asks for, so the peer learns why we refused
 * its chain. Trust managers say everything with CertificateException; the specific cause hides in the chain.
 */
final class CertificateFailures {

    private CertificateFailures() {
    }

    /** The alert for a failed chain: expired, revoked, unknown CA, or otherwise a bad certificate. */
    static AlertDescription alertFor(CertificateException e) {
        List<Throwable> causes = causes(e);
        for (Throwable t : causes) {
            if (t instanceof CertificateExpiredException || t instanceof CertificateNotYetValidException
                    || reasonOf(t) == BasicReason.EXPIRED || reasonOf(t) == BasicReason.NOT_YET_VALID) {
                return AlertDescription.CERTIFICATE_EXPIRED;
            }
        }
        for (Throwable t : causes) {
            if (reasonOf(t) == BasicReason.REVOKED) {
                return AlertDescription.CERTIFICATE_REVOKED;
            }
        }
        for (Throwable t : causes) {
            if (isNoTrustAnchor(t)) {
                return AlertDescription.UNKNOWN_CA;
            }
        }
        return AlertDescription.BAD_CERTIFICATE;
    }

    /** A short message for people, e.g. "certificate expired: NotAfter: ...". */
    static String describe(CertificateException e) {
        String detail = innermostMessage(e);
        switch (alertFor(e)) {
            case CERTIFICATE_EXPIRED:
                return "certificate expired or not yet valid" + suffix(detail);
            case CERTIFICATE_REVOKED:
                return "certificate revoked" + suffix(detail);
            case UNKNOWN_CA:
                return "certificate issuer is not trusted (unknown CA)";
            default:
                return "bad certificate" + suffix(detail);
        }
    }

    private static String suffix(String detail) {
        return detail == null || detail.isBlank() ? "" : ": " + detail;
    }

    private static BasicReason reasonOf(Throwable t) {
        if (t instanceof CertPathValidatorException) {
            CertPathValidatorException.Reason r = ((CertPathValidatorException) t).getReason();
            return r instanceof BasicReason ? (BasicReason) r : null;
        }
        return null;
    }

    /**
     * SunJSSE's PKIX trust manager reports an unknown issuer as a ValidatorException ("PKIX path building
     * failed") caused by a SunCertPathBuilderException ("unable to find valid certification path to
     * requested target"); its legacy SunX509 one says "No trusted certificate found". Both are covered.
     */
    private static boolean isNoTrustAnchor(Throwable t) {
        if (t instanceof CertPathBuilderException) {
            return true;
        }
        if (t instanceof CertPathValidatorException
                && ((CertPathValidatorException) t).getReason()
                        == java.security.cert.PKIXReason.NO_TRUST_ANCHOR) {
            return true;
        }
        return messageContains(t, "pkix path building failed")
                || messageContains(t, "unable to find valid certification path")
                || messageContains(t, "no trusted certificate found");
    }

    private static boolean messageContains(Throwable t, String text) {
        String m = t.getMessage();
        return m != null && m.toLowerCase(Locale.ROOT).contains(text);
    }

    private static String innermostMessage(Throwable e) {
        String message = null;
        for (Throwable t : causes(e)) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        return message;
    }

    /** {@code e} and its causes, outermost first, stopping at a cycle. */
    private static List<Throwable> causes(Throwable e) {
        List<Throwable> list = new ArrayList<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = e; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            list.add(t);
        }
        return list;
    }
}
