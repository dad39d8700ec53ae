package org.securechannel.context;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** A handshake that ended in an alert, ours or the peer's, for JDK Flight Recorder. Disabled by default. */
@Name("org.securechannel.HandshakeFailure")
@Label("TLS Handshake Failure")
@Description("A TLS handshake that ended in a fatal alert")
final class HandshakeFailureEvent extends ConnectionEvent {
    @Label("Reason")
    @Description("Why the handshake failed, as the side that detected it says")
    String reason;
    @Label("Alert")
    @Description("The alert's RFC name, e.g. handshake_failure")
    String alert;
    @Label("Alert Sent By")
    @Description("local (we detected the problem and sent the alert) or peer")
    String alertSentBy;
}
