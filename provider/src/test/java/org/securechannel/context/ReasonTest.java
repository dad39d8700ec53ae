package org.securechannel.context;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.securechannel.codec.AlertDescription;

/**
 * A context that fails with a fatal alert reports that alert as its reason: a failure the peer caused must never
 * read as INTERNAL_ERROR (a fuzzed TLS 1.2 ClientHello with TLS_FALLBACK_SCSV once did, because inappropriate_fallback
 * had no reason of its own).
 */
class ReasonTest {
    /** Alerts that are never fatal: closure and the warnings. */
    private static final Set<AlertDescription> NOT_FATAL =
            EnumSet.of(AlertDescription.CLOSE_NOTIFY, AlertDescription.USER_CANCELED, AlertDescription.NO_RENEGOTIATION);

    @ParameterizedTest
    @EnumSource(AlertDescription.class)
    void everyFatalAlertHasItsOwnReason(AlertDescription alert) {
        if (NOT_FATAL.contains(alert)) {
            return;
        }
        Reason reason = Reason.of(alert);
        assertEquals(alert, reason.alert(), alert + " is reported as " + reason);
    }
}
