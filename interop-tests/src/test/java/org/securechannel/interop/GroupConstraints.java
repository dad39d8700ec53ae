package org.securechannel.interop;

import java.security.AlgorithmConstraints;
import java.security.AlgorithmParameters;
import java.security.CryptoPrimitive;
import java.security.Key;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.securechannel.codec.NamedGroup;

/**
 * Refuses every named group a JSSE stack knows but those allowed, and permits everything else: the JSSE way to
 * limit an engine's key-exchange groups (JDK 17 has no SSLParameters.setNamedGroups, and jdk.tls.namedGroups is
 * read once per JVM). SunJSSE and our engine ask the constraints, by group name, about each named group.
 */
public final class GroupConstraints implements AlgorithmConstraints {
    private static final Set<String> GROUP_NAMES = Set.of("x25519", "x448", "secp256r1", "secp384r1",
            "secp521r1", "ffdhe2048", "ffdhe3072", "ffdhe4096", "ffdhe6144", "ffdhe8192",
            "x25519mlkem768", "secp256r1mlkem768", "secp384r1mlkem1024");
    private final Set<String> allowed;

    public GroupConstraints(NamedGroup... allowed) {
        this.allowed = Arrays.stream(allowed).map(g -> g.ianaName().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    @Override
    public boolean permits(Set<CryptoPrimitive> primitives, String algorithm, AlgorithmParameters parameters) {
        String name = algorithm.toLowerCase(Locale.ROOT);
        return !GROUP_NAMES.contains(name) || allowed.contains(name);
    }

    @Override
    public boolean permits(Set<CryptoPrimitive> primitives, Key key) {
        return true;
    }

    @Override
    public boolean permits(Set<CryptoPrimitive> primitives, String algorithm, Key key, AlgorithmParameters parameters) {
        return permits(primitives, algorithm, parameters);
    }
}
