package org.securechannel.context;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * The validation of a peer's certificate chain, for JDK Flight Recorder: what the JDK spreads over
 * {@code jdk.X509Validation} and {@code jdk.X509Certificate} (certificateId, subjects, serial numbers) in one
 * event per chain. Disabled by default.
 */
@Name("org.securechannel.CertificateValidation")
@Label("TLS Certificate Validation")
@Description("A peer's certificate chain judged by the trust manager")
final class CertificateValidationEvent extends ConnectionEvent {
    @Label("Certificate Id")
    @Description("hashCode of the leaf, as jdk.X509Certificate's certificateId")
    long certificateId;
    @Label("Chain Length")
    int chainLength;
    @Label("Subjects")
    @Description("Subject names, leaf first, separated by ' | '")
    String subjects;
    @Label("Serial Numbers")
    @Description("Serial numbers in hex, leaf first, separated by ' | '")
    String serialNumbers;
    @Label("Result")
    @Description("valid, or the alert the chain earned (e.g. certificate_expired)")
    String result;
    @Label("Reason")
    String reason;
}
