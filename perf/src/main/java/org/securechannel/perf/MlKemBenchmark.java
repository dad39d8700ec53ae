package org.securechannel.perf;

import java.lang.reflect.Method;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.securechannel.crypto.KeyExchangeResponse;
import org.securechannel.crypto.MeasuredDefaultBackend;
import org.securechannel.crypto.MlKem;
import org.securechannel.crypto.MlKemParameterSet;

/**
 * ML-KEM-768 key generation, encapsulation and decapsulation, as a TLS hybrid uses them (raw encapsulation key
 * and ciphertext on the wire): Bouncy Castle's lightweight API as the provider ships it (BouncyCastleMlKem, through
 * the MlKem interface), and the JDK's javax.crypto.KEM "ML-KEM" (JDK 24+; reached by reflection here, because the
 * build targets --release 17; n/a on older JDKs). The JDK's encapsulation includes turning the raw key into a
 * PublicKey (X.509 prefix + KeyFactory), which a TLS server would have to do too. This measurement decides which
 * ML-KEM the measured default uses.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MlKemBenchmark {
    @Param({"BouncyCastle", "JDK"})
    public String implementation;

    private Kem kem;
    private byte[] encapsulationKey;
    private byte[] ciphertext;

    /** One implementation behind the three operations. */
    interface Kem {
        byte[] generate() throws Exception;

        byte[] encapsulate(byte[] ek) throws Exception;

        byte[] decapsulate(byte[] ct) throws Exception;
    }

    @Setup
    public void setUp() throws Exception {
        kem = "JDK".equals(implementation) ? new JdkKem() : new OursKem();
        encapsulationKey = kem.generate();
        ciphertext = kem.encapsulate(encapsulationKey);
        byte[] again = kem.decapsulate(ciphertext);
        if (again.length != 32) {
            throw new IllegalStateException(implementation + ": decapsulation gave " + again.length + " bytes");
        }
    }

    @Benchmark
    public Object keyGeneration() throws Exception {
        return kem.generate();
    }

    @Benchmark
    public Object encapsulation() throws Exception {
        return kem.encapsulate(encapsulationKey);
    }

    @Benchmark
    public Object decapsulation() throws Exception {
        return kem.decapsulate(ciphertext);
    }

    /** What the provider runs: MeasuredDefaultBackend's ML-KEM. */
    static final class OursKem implements Kem {
        private final MlKem mlKem = MeasuredDefaultBackend.mlKem();
        private final SecureRandom random = new SecureRandom();
        private MlKem.MlKemKeyPair pair;

        @Override
        public byte[] generate() throws Exception {
            pair = mlKem.generateKeyPair(MlKemParameterSet.ML_KEM_768, random);
            return pair.encapsulationKey();
        }

        @Override
        public byte[] encapsulate(byte[] ek) throws Exception {
            KeyExchangeResponse r = mlKem.encapsulate(MlKemParameterSet.ML_KEM_768, ek, random);
            return r.share();
        }

        @Override
        public byte[] decapsulate(byte[] ct) throws Exception {
            return pair.decapsulate(ct);
        }
    }

    /** javax.crypto.KEM (JDK 21 API, ML-KEM from JDK 24), by reflection. */
    static final class JdkKem implements Kem {
        private final KeyPairGenerator generator;
        private final KeyFactory keyFactory;
        private final Object kem;
        private final Method newEncapsulator;
        private final Method newDecapsulator;
        private final Method encapsulate;
        private final Method encapsulation;
        private final Method decapsulate;
        private byte[] spkiPrefix;
        private KeyPair pair;

        JdkKem() throws Exception {
            if (Runtime.version().feature() < 24) {
                throw new NotApplicable("the JDK has ML-KEM from JDK 24 (this is " + Runtime.version().feature() + ")");
            }
            generator = KeyPairGenerator.getInstance("ML-KEM-768");
            keyFactory = KeyFactory.getInstance("ML-KEM");
            Class<?> kemClass = Class.forName("javax.crypto.KEM");
            kem = kemClass.getMethod("getInstance", String.class).invoke(null, "ML-KEM");
            newEncapsulator = kemClass.getMethod("newEncapsulator", PublicKey.class);
            newDecapsulator = kemClass.getMethod("newDecapsulator", java.security.PrivateKey.class);
            encapsulate = Class.forName("javax.crypto.KEM$Encapsulator").getMethod("encapsulate");
            encapsulation = Class.forName("javax.crypto.KEM$Encapsulated").getMethod("encapsulation");
            decapsulate = Class.forName("javax.crypto.KEM$Decapsulator").getMethod("decapsulate", byte[].class);
        }

        @Override
        public byte[] generate() throws Exception {
            pair = generator.generateKeyPair();
            byte[] spki = pair.getPublic().getEncoded();
            int ekLength = MlKemParameterSet.ML_KEM_768.encapsulationKeyLength();
            spkiPrefix = Arrays.copyOf(spki, spki.length - ekLength);
            return Arrays.copyOfRange(spki, spki.length - ekLength, spki.length);
        }

        @Override
        public byte[] encapsulate(byte[] ek) throws Exception {
            byte[] spki = Arrays.copyOf(spkiPrefix, spkiPrefix.length + ek.length);
            System.arraycopy(ek, 0, spki, spkiPrefix.length, ek.length);
            PublicKey key = keyFactory.generatePublic(new X509EncodedKeySpec(spki));
            Object encapsulated = encapsulate.invoke(newEncapsulator.invoke(kem, key));
            return (byte[]) encapsulation.invoke(encapsulated);
        }

        @Override
        public byte[] decapsulate(byte[] ct) throws Exception {
            javax.crypto.SecretKey k = (javax.crypto.SecretKey) decapsulate.invoke(newDecapsulator.invoke(kem, pair.getPrivate()), ct);
            return k.getEncoded();
        }
    }
}
