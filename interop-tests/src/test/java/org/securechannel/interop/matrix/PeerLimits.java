package org.securechannel.interop.matrix;

/**
 * Why a peer cannot play a cell, each reason in one place and found by running the cell, not assumed; null when
 * the peer can. A reason that starts with {@link #DEFECT} marks a defect: the cell still runs and must fail, so the
 * mark goes as soon as the defect is fixed (PeerMatrixTest.runKnownDefect).
 */
final class PeerLimits {
    static final String DEFECT = "defect: ";

    private PeerLimits() {
    }

    private static boolean resumption(Cell cell) {
        return cell.name().startsWith("RESUME_");
    }

    /** What holds for every peer: our own defects and gaps, in the direction they show. */
    private static String ours(Cell cell, boolean peerIsServer) {
        // None open. (Fixed: a TLS 1.3 server whose RSA chain came from a PKIX KeyManager refused every client,
        // because the key manager was told only the CertificateVerify schemes, none of them rsa_pkcs1_*.)
        return null;
    }

    static String openSsl(Cell cell, boolean peerIsServer) {
        if (peerIsServer && cell == Cell.SNI) {
            return "openssl s_server does not report the server name it received";
        }
        if (peerIsServer && cell == Cell.KEY_UPDATE) {
            // OpenSslClientInteropTest covers KeyUpdate with s_server both ways, through its 'k'/'K' commands.
            return "s_server -rev reverses what each read returns, and a KeyUpdate record ends a read mid-line";
        }
        return ours(cell, peerIsServer);
    }

    static String sunJsse(Cell cell, boolean peerIsServer) {
        return ours(cell, peerIsServer);
    }

    static String node(Cell cell, boolean peerIsServer) {
        return ours(cell, peerIsServer);
    }

    static String gnuTls(Cell cell, boolean peerIsServer) {
        if (!peerIsServer && resumption(cell)) {
            return "gnutls-cli --resume reconnects within one run after a first connection that carries no data, which"
                    + " the matrix's echo (data on every connection) does not fit yet";
        }
        if (peerIsServer && cell == Cell.SNI) {
            return "gnutls-serv does not report the server name it received";
        }
        return ours(cell, peerIsServer);
    }

    static String bcJsse(Cell cell, boolean peerIsServer) {
        if (cell == Cell.RESUME_TLS13) {
            return "BCJSSE has no TLS 1.3 resumption: it neither issues nor uses tickets (issue 12 names it)";
        }
        if (!peerIsServer && cell == Cell.RESUME_TLS12_TICKET) {
            // Observed: with our server's session-ID cache outwaited, BCJSSE 1.84's second connection is a full
            // handshake, where SunJSSE, OpenSSL, Conscrypt and BoringSSL clients resume with their ticket.
            return "BCJSSE's client does not resume with an RFC 5077 ticket, only by session ID (the next row)";
        }
        if (peerIsServer && cell == Cell.SNI) {
            return "BCJSSE's server session reports no requested server names once the handshake is over";
        }
        if (peerIsServer && cell == Cell.CERT_ED25519) {
            // Traced: BCJSSE raises handshake_failure on our ClientHello, "found no selectable cipher suite among the
            // 3 offered" (TLS 1.3), before it sends anything: its credential selection finds no usable credential
            // in its own PKIX key manager holding a JDK Ed25519 key ("EdDSA" to the JDK). The same ClientHello, with
            // ed25519 in signature_algorithms, is served by OpenSSL, SunJSSE, Node and GnuTLS with Ed25519.
            return "BCJSSE's server finds no credential for a JDK Ed25519 key in its own PKIX KeyManagerFactory and"
                    + " answers handshake_failure ('found no selectable cipher suite') to a ClientHello that offers ed25519";
        }
        return ours(cell, peerIsServer);
    }

    static String conscrypt(Cell cell, boolean peerIsServer) {
        switch (cell) {
            case GROUP_FFDHE2048:
                return "BoringSSL inside Conscrypt has no finite-field (FFDHE) groups";
            case CERT_ED25519:
                return peerIsServer ? "Conscrypt cannot sign with a JDK Ed25519 private key"
                        : "Conscrypt's client does not offer ed25519 in signature_algorithms";
            case HELLO_RETRY_REQUEST:
                return peerIsServer ? "Conscrypt has no per-engine setting of key-exchange groups" : ours(cell, false);
            default:
                return ours(cell, peerIsServer);
        }
    }

    static String boringSsl(Cell cell, boolean peerIsServer) {
        if (cell == Cell.GROUP_FFDHE2048) {
            return "BoringSSL has no finite-field (FFDHE) groups";
        }
        if (cell == Cell.CERT_ED25519) {
            return peerIsServer ? "netty-tcnative's BoringSSL answers internal_error when given a JDK Ed25519 key"
                    : "BoringSSL's client does not offer ed25519 in signature_algorithms";
        }
        return ours(cell, peerIsServer);
    }
}
