package org.securechannel.handshake.tls12;

import java.util.ArrayList;
import java.util.List;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.AlpnExtension;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.ClientHello;
import org.securechannel.codec.EmptyHandshakeMessage;
import org.securechannel.codec.Extension;
import org.securechannel.codec.NamedGroup;
import org.securechannel.codec.ProtocolVersion;
import org.securechannel.codec.ServerHello;
import org.securechannel.codec.ServerKeyExchange;
import org.securechannel.codec.ServerNameExtension;
import org.securechannel.codec.SessionTicketExtension;
import org.securechannel.codec.SignatureScheme;
import org.securechannel.codec.Tls12CertificateMessage;
import org.securechannel.codec.Tls12CertificateRequest;
import org.securechannel.codec.Tls12HelloExtensions;
import org.securechannel.crypto.KeyShare;
import org.securechannel.handshake.CertificateChains;
import org.securechannel.handshake.ApplicationProtocols;
import org.securechannel.handshake.ClientAuthMode;
import org.securechannel.handshake.ResumableSession;
import org.securechannel.handshake.SelectedCertificate;
import org.securechannel.record.RawHandshake;

/**
 * Server: the ClientHello, and our whole first flight in answer (RFC 5246 §7.3): ServerHello, Certificate,
 * ServerKeyExchange (ECDHE, RFC 8422 §5.4), ServerHelloDone. Everything that can fail on the client's offer
 * is decided before anything is queued.
 */
final class ServerExpectClientHello implements State {
    @Override
    public org.securechannel.handshake.MessageOrder order(boolean client) {
        return org.securechannel.handshake.MessageOrder.TLS12_SERVER_EXPECT_CLIENT_HELLO;
    }

    @Override
    public State receive(Tls12Handshake hs, RawHandshake message) throws AlertException {
        ClientOffer offer = ClientOffer.read(ClientHello.parse(message.body()));
        boolean requestCertificate = hs.config.clientAuth() != ClientAuthMode.NONE;
        hs.config.checkServerName(offer.serverName());
        String protocol = ApplicationProtocols.choose(hs.config, offer.applicationProtocols());
        byte[] serverRandom = serverRandom(hs);
        boolean ticket = Tickets.serverPromises(hs.config, offer);
        ResumableSession cached = Tickets.serverRedeem(hs.config, offer);
        if (cached == null) {
            cached = Resumption.serverFind(hs.config, offer);
        }
        if (cached != null) {
            return Resumption.serverResume(hs, offer, cached, serverRandom, protocol, serverHelloExtensions(offer, protocol, ticket),
                    message);
        }
        NamedGroup group = chooseGroup(hs, offer);
        SuiteAndCertificate chosen = chooseSuite(hs, offer);
        byte[] sessionId = Resumption.newSessionId(hs.config);
        Negotiated n = new Negotiated(chosen.suite, group, offer.hello().random(), serverRandom, chosen.certificate.scheme(),
                offer.serverName(), protocol, sessionId, false, ticket);

        hs.transcript.keepMessages(requestCertificate); // the client's CertificateVerify signs them all
        hs.transcript.start(hs.crypto, chosen.suite.hash());
        hs.transcript.add(message.encoded());
        hs.send(new ServerHello(ProtocolVersion.TLS12.code(), serverRandom, sessionId, chosen.suite.code(), 0,
                serverHelloExtensions(offer, protocol, ticket)));
        hs.send(new Tls12CertificateMessage(CertificateChains.encode(chosen.certificate.chain())));
        KeyShare share = hs.crypto.generateKeyShare(group);
        try {
            byte[] signed = ServerKeyExchange.signedData(n.clientRandom(), serverRandom, group.code(), share.publicValue());
            byte[] signature = hs.crypto.sign(chosen.certificate.scheme(), chosen.certificate.key(), signed);
            hs.send(new ServerKeyExchange(group.code(), share.publicValue(), chosen.certificate.scheme().code(), signature));
        } catch (AlertException | RuntimeException e) {
            share.destroy();
            throw e;
        }
        if (requestCertificate) {
            hs.send(certificateRequest(hs));
        }
        hs.send(EmptyHandshakeMessage.SERVER_HELLO_DONE);
        return requestCertificate ? new ServerExpectClientCertificate(n, share) : new ServerExpectClientKeyExchange(n, share, List.of());
    }

    private record SuiteAndCertificate(CipherSuite suite, SelectedCertificate certificate) {
    }

    private static byte[] serverRandom(Tls12Handshake hs) {
        byte[] random = new byte[32];
        hs.config.random().nextBytes(random);
        if (hs.config.enables(ProtocolVersion.TLS13)) {
            // RFC 8446 §4.1.3: a TLS 1.3 server that negotiates TLS 1.2 says so in its random.
            System.arraycopy(ServerHello.DOWNGRADE_TLS12, 0, random, 24, 8);
        }
        return random;
    }

    /** Our most preferred TLS 1.2 suite the client offers and for which we hold a certificate it can verify. */
    private static SuiteAndCertificate chooseSuite(Tls12Handshake hs, ClientOffer offer) throws AlertException {
        boolean common = false;
        for (CipherSuite suite : hs.config.cipherSuites()) {
            if (suite.version() != ProtocolVersion.TLS12 || !offer.offersSuite(suite.code())) {
                continue;
            }
            common = true;
            List<SignatureScheme> schemes = new ArrayList<>();
            for (SignatureScheme s : offer.signatureSchemes()) {
                if (hs.config.signatureSchemes().contains(s) && Tls12Groups.signsFor(suite, s)) {
                    schemes.add(s);
                }
            }
            SelectedCertificate certificate = schemes.isEmpty() ? null : Tls12SigningScheme.select(hs.config.certificates(),
                    schemes, List.of(), offer.serverName(), offer.signatureSchemes());
            if (certificate != null) {
                return new SuiteAndCertificate(suite, certificate);
            }
        }
        throw AlertException.handshakeFailure(common
                ? "no certificate of ours can sign with the client's signature algorithms for the TLS 1.2 suites in common"
                : "no TLS 1.2 cipher suite in common with the client (we offer only ECDHE with AEAD: RFC 9325)");
    }

    private static NamedGroup chooseGroup(Tls12Handshake hs, ClientOffer offer) throws AlertException {
        for (NamedGroup g : hs.config.groups()) {
            if (Tls12Groups.ECDHE.contains(g) && offer.groups().contains(g.code())) {
                return g;
            }
        }
        throw AlertException.handshakeFailure("no elliptic-curve group in common with the client for TLS 1.2 ECDHE");
    }

    /** RFC 5246 §7.4.4: ECDSA and RSA certificates, our schemes, the CA names our trust offers (none: any). */
    private static Tls12CertificateRequest certificateRequest(Tls12Handshake hs) {
        List<Integer> schemes = new ArrayList<>();
        hs.config.signatureSchemes().forEach(s -> schemes.add(s.code()));
        List<byte[]> authorities = new ArrayList<>();
        hs.config.peerAuthenticator().acceptedIssuers().forEach(p -> authorities.add(p.getEncoded()));
        return new Tls12CertificateRequest(new byte[] {Tls12CertificateRequest.ECDSA_SIGN, Tls12CertificateRequest.RSA_SIGN},
                schemes, authorities);
    }

    private static List<Extension> serverHelloExtensions(ClientOffer offer, String protocol, boolean ticket) {
        List<Extension> ext = new ArrayList<>();
        if (offer.renegotiationIndication()) {
            ext.add(Tls12HelloExtensions.emptyRenegotiationInfo());
        }
        ext.add(Tls12HelloExtensions.extendedMasterSecret());
        if (offer.pointFormats()) {
            ext.add(Tls12HelloExtensions.uncompressedPointsOnly());
        }
        if (offer.serverName() != null) {
            ext.add(ServerNameExtension.emptyAck());
        }
        if (protocol != null) {
            ext.add(AlpnExtension.encode(List.of(protocol)));
        }
        if (ticket) {
            ext.add(SessionTicketExtension.encode(new byte[0])); // RFC 5077 §3.2: a NewSessionTicket will follow
        }
        return ext;
    }
}
