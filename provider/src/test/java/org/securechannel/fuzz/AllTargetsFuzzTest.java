package org.securechannel.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Every fuzz target behind one entry point, for the short fuzzing run of {@code mvn verify}: Jazzer fuzzes
 * only one {@code @FuzzTest} per JVM, and starting a JVM with its agent costs more than the few seconds each
 * target would get, so one JVM fuzzes them all, the first input byte choosing the target (and libFuzzer's
 * coverage feedback spreading the time where it finds new paths). Its seeds are every target's seeds with
 * that byte in front (written by {@link SeedCorpus}). See README.md in this package.
 */
class AllTargetsFuzzTest {
    private static final CodecFuzzTest CODEC = new CodecFuzzTest();
    private static final RecordLayerFuzzTest RECORDS = new RecordLayerFuzzTest();
    private static final HandshakeStatesFuzzTest STATES = new HandshakeStatesFuzzTest();
    private static final CertificateFuzzTest CERTIFICATES = new CertificateFuzzTest();
    private static final EngineFuzzTest ENGINE = new EngineFuzzTest();

    /** The targets in selector order; append only, or the committed seeds would point elsewhere. */
    static final List<Target> TARGETS = List.of(
            new Target("CodecFuzzTest", "clientHello", CODEC::clientHello),
            new Target("CodecFuzzTest", "serverHello", CODEC::serverHello),
            new Target("CodecFuzzTest", "encryptedExtensions", CODEC::encryptedExtensions),
            new Target("CodecFuzzTest", "certificate", CODEC::certificate),
            new Target("CodecFuzzTest", "certificateRequest", CODEC::certificateRequest),
            new Target("CodecFuzzTest", "certificateVerify", CODEC::certificateVerify),
            new Target("CodecFuzzTest", "finished", CODEC::finished),
            new Target("CodecFuzzTest", "newSessionTicket", CODEC::newSessionTicket),
            new Target("CodecFuzzTest", "keyUpdate", CODEC::keyUpdate),
            new Target("CodecFuzzTest", "anyHandshakeMessage", CODEC::anyHandshakeMessage),
            new Target("CodecFuzzTest", "extension", CODEC::extension),
            new Target("RecordLayerFuzzTest", "inbound", RECORDS::inbound),
            new Target("HandshakeStatesFuzzTest", "clientStates", STATES::clientStates),
            new Target("HandshakeStatesFuzzTest", "serverStates", STATES::serverStates),
            new Target("CertificateFuzzTest", "serverCertificate", CERTIFICATES::serverCertificate),
            new Target("CertificateFuzzTest", "clientCertificate", CERTIFICATES::clientCertificate),
            new Target("EngineFuzzTest", "clientReceives", ENGINE::clientReceives),
            new Target("EngineFuzzTest", "serverReceives", ENGINE::serverReceives),
            new Target("CertificateFuzzTest", "serverCertificateKey", CERTIFICATES::serverCertificateKey));

    record Target(String testClass, String method, Consumer<byte[]> body) {
    }

    @FuzzTest(maxDuration = "30s")
    void anyTarget(byte[] data) {
        if (data.length == 0) {
            return;
        }
        TARGETS.get((data[0] & 0xFF) % TARGETS.size()).body().accept(Arrays.copyOfRange(data, 1, data.length));
    }
}
