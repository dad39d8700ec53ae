package org.securechannel.context;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** A TLS 1.3 KeyUpdate (RFC 8446 §4.6.3) sent or received, for JDK Flight Recorder. Disabled by default. */
@Name("org.securechannel.KeyUpdate")
@Label("TLS KeyUpdate")
@Description("Traffic keys updated after the handshake")
final class KeyUpdateEvent extends ConnectionEvent {
    @Label("Direction")
    @Description("sent (we updated our write keys) or received (the peer updated its)")
    String direction;
    @Label("Cause")
    @Description("requested by the application, key-usage limit reached, or peer")
    String cause;
    @Label("Update Requested")
    @Description("Whether the message asks the other side to update its keys too")
    boolean updateRequested;
}
