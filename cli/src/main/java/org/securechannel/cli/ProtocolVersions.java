package org.securechannel.cli;

import java.util.Set;
import org.securechannel.context.Credentials;

/**
 * {@code --tls1_2} and {@code --tls1_3}, as in {@code openssl s_client}/{@code s_server}: limit the client or the
 * server to one version by offering only its suites (a version is enabled when one of its suites is). Without
 * either, both versions are enabled, TLS 1.3 preferred.
 */
final class ProtocolVersions {
    static final Set<String> SWITCHES = Set.of("--tls1_2", "--tls1_3");

    private ProtocolVersions() {
    }

    static void apply(Args args, Credentials.Builder b) throws UsageException {
        boolean tls12 = args.has("--tls1_2");
        boolean tls13 = args.has("--tls1_3");
        if (tls12 && tls13) {
            throw new UsageException("--tls1_2 and --tls1_3 exclude each other (give neither for both versions)");
        }
        if (tls12) {
            b.cipherSuites(Credentials.DEFAULT_TLS12_SUITES);
        } else if (tls13) {
            b.cipherSuites(Credentials.DEFAULT_TLS13_SUITES);
        }
    }
}
