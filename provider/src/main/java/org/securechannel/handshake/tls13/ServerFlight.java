package org.securechannel.handshake.tls13;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.AlpnExtension;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.CertificateAuthoritiesExtension;
import org.securechannel.codec.CertificateRequest;
import org.securechannel.codec.EarlyDataExtension;
import org.securechannel.codec.EncryptedExtensions;
import org.securechannel.codec.Extension;
import org.securechannel.codec.ExtensionType;
import org.securechannel.codec.KeyShareExtension;
import org.securechannel.codec.NamedGroup;
import org.securechannel.codec.PreSharedKeyExtension;
import org.securechannel.codec.ProtocolVersion;
import org.securechannel.codec.ServerHello;
import org.securechannel.codec.ServerNameExtension;
import org.securechannel.codec.SignatureAlgorithmsExtension;
import org.securechannel.codec.SignatureScheme;
import org.securechannel.codec.SupportedVersionsExtension;
import org.securechannel.crypto.KeyExchangeResponse;
import org.securechannel.handshake.ApplicationProtocols;
import org.securechannel.handshake.ClientAuthMode;
import org.securechannel.handshake.SelectedCertificate;
import org.securechannel.handshake.Tls13KeySchedule;

/** Server: the whole first flight, ServerHello through Finished (RFC 8446 §2, Figure 1). */
final class ServerFlight {
    private ServerFlight() {
    }

    /**
     * @param resumed the ticket we resume, or null for a full handshake
     * @param pskKeys the key schedule started from its PSK (the binder was checked with it), or null
     */
    static State send(Tls13Handshake hs, ClientOffer offer, CipherSuite suite, NamedGroup group,
            KeyShareExtension.KeyShareEntry clientShare, boolean helloRetryRequest, ServerPsk.Choice resumed,
            Tls13KeySchedule pskKeys) throws AlertException {
        // Everything that can fail on the client's offer is decided before anything is sent.
        String protocol = ApplicationProtocols.choose(hs.config, offer.applicationProtocols());
        SelectedCertificate certificate = null;
        if (resumed != null) {
            hs.config.certificates().chooseForResumedSession(resumed.session().serverScheme(), offer.serverName(),
                    SignatureScheme.known(offer.certificateSignatureSchemes()));
        } else {
            List<SignatureScheme> schemes = Schemes.forOurCertificateVerify(offer.signatureSchemes(), hs.config.signatureSchemes());
            certificate = hs.config.certificates().select(schemes, offer.certificateAuthorities(), offer.serverName(),
                    SignatureScheme.known(offer.certificateSignatureSchemes()));
            if (certificate == null) {
                throw AlertException.handshakeFailure("no certificate of ours can sign with the client's signature algorithms");
            }
        }
        // psk_ke (RFC 8446 §4.2.9) only when we accept it and the client offers it: then no key exchange at all.
        boolean pskOnly = resumed != null && hs.config.tickets().policy().acceptPskOnly() && offer.allowsPskOnly();
        KeyExchangeResponse answer = pskOnly ? null : hs.crypto.respond(group, clientShare.keyExchange());
        byte[] shared = pskOnly ? new byte[suite.hash().length()] : answer.secret();
        Negotiated negotiated = new Negotiated(suite, pskOnly ? null : group, helloRetryRequest, offer.serverName(), protocol,
                true, resumed != null);
        hs.learned(negotiated);
        Tls13KeySchedule keys = (pskKeys != null ? pskKeys : new Tls13KeySchedule(hs.crypto, suite))
                .observedBy(hs.config.observer(), offer.hello().random());
        long earlyDataLimit = ServerEarlyData.accept(hs, offer, suite, protocol, resumed, helloRetryRequest);
        // The client's early traffic secret hashes the ClientHello alone: taken before our messages join.
        byte[] earlyTraffic = earlyDataLimit > 0 ? keys.deriveEarlySecrets(hs.transcript.hash()) : null;

        byte[] random = new byte[32];
        hs.config.random().nextBytes(random);
        List<Extension> helloExtensions = new ArrayList<>(3);
        helloExtensions.add(SupportedVersionsExtension.encodeServer(ProtocolVersion.TLS13.code()));
        if (!pskOnly) {
            helloExtensions.add(KeyShareExtension.encodeServer(new KeyShareExtension.KeyShareEntry(group.code(), answer.share())));
        }
        if (resumed != null) {
            helloExtensions.add(PreSharedKeyExtension.encodeServer(resumed.index()));
        }
        hs.send(new ServerHello(ProtocolVersion.TLS12.code(), random, offer.hello().legacySessionId(), suite.code(), 0,
                helloExtensions));
        if (offer.compatibilityMode()) {
            hs.sendChangeCipherSpecOnce();
        }
        keys.deriveHandshakeSecrets(shared, hs.transcript.hash());
        Arrays.fill(shared, (byte) 0);
        hs.installWriteKeys(suite, keys.serverHandshakeTrafficSecret());
        if (earlyTraffic != null) {
            hs.installReadKeys(suite, earlyTraffic);
            hs.early.accepted(keys);
            hs.early.startReading(earlyDataLimit);
        } else {
            hs.installReadKeys(suite, keys.clientHandshakeTrafficSecret());
            if (offer.earlyData()) {
                hs.early.rejected();
                hs.records.skipEarlyData(ServerEarlyData.skipBudget(hs));
            }
        }

        hs.send(new EncryptedExtensions(encryptedExtensions(offer, protocol, earlyTraffic != null)));
        // A resumed handshake authenticates with the PSK: no certificates either way (RFC 8446 §2.2).
        boolean requestCertificate = resumed == null && hs.config.clientAuth() != ClientAuthMode.NONE;
        if (requestCertificate) {
            hs.send(certificateRequest(hs));
        }
        if (certificate != null) {
            hs.sendEncoded(OwnCertificateMessages.encoded(certificate));
            CertificateVerifySupport.send(hs, certificate, true);
        }
        FinishedSupport.send(hs, keys, keys.serverHandshakeTrafficSecret());

        keys.deriveApplicationSecrets(hs.transcript.hash());
        TrafficSecrets application = new TrafficSecrets(keys.clientApplicationTrafficSecret(),
                keys.serverApplicationTrafficSecret());
        hs.installWriteKeys(suite, application.writer(false));
        if (resumed != null) {
            ServerFinishing finishing = new ServerFinishing(negotiated, keys, resumed.session().serverScheme(), application);
            VerifiedPeer client = VerifiedPeer.fromSession(resumed.peerChain(), resumed.session().clientScheme());
            return earlyTraffic != null ? new ServerExpectEndOfEarlyData(finishing, client)
                    : new ServerExpectClientFinished(finishing, client);
        }
        ServerFinishing finishing = new ServerFinishing(negotiated, keys, certificate.scheme(), application);
        return requestCertificate ? new ServerExpectClientCertificate(finishing)
                : new ServerExpectClientFinished(finishing, VerifiedPeer.NONE);
    }

    private static List<Extension> encryptedExtensions(ClientOffer offer, String protocol, boolean earlyDataAccepted) {
        List<Extension> ext = new ArrayList<>();
        if (earlyDataAccepted) {
            ext.add(EarlyDataExtension.encodeEmpty());
        }
        if (offer.serverName() != null) {
            ext.add(ServerNameExtension.emptyAck());
        }
        if (protocol != null) {
            ext.add(AlpnExtension.encode(List.of(protocol)));
        }
        return ext;
    }

    private static CertificateRequest certificateRequest(Tls13Handshake hs) {
        List<Extension> ext = new ArrayList<>();
        ext.add(SignatureAlgorithmsExtension.encode(ExtensionType.SIGNATURE_ALGORITHMS,
                Schemes.codes(hs.config.signatureSchemes())));
        List<X500Principal> issuers = hs.config.peerAuthenticator().acceptedIssuers();
        if (!issuers.isEmpty()) {
            List<byte[]> names = new ArrayList<>();
            for (X500Principal p : issuers) {
                names.add(p.getEncoded());
            }
            ext.add(CertificateAuthoritiesExtension.encode(names));
        }
        return new CertificateRequest(new byte[0], ext);
    }
}
