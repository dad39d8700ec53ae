package org.securechannel.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM for the framework tests that need a class path or a java.security of their own: the same java as
 * this JVM, a class path built from code sources (jars or class folders), bounded in time, killed when done. The
 * child prints {@code key=value} lines; {@link Result} holds them and the whole output for failure messages.
 */
final class ChildJvm {
    private ChildJvm() {
    }

    record Result(Map<String, String> values, String output, int exit) {
        String get(String key) {
            return values.get(key);
        }
    }

    /** Where a class was loaded from: its jar or its class folder. */
    static String codeSource(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String classPath(List<String> entries) {
        return String.join(File.pathSeparator, entries);
    }

    /**
     * A java.security override whose security.provider.1 is {@code firstEntry} (SecureChannel's provider name,
     * found by ServiceLoader on the class path, or its class name), followed by this JVM's JDK providers in their
     * order (leaving out any a test added at run time), so nothing else changes. It is how an unchanged
     * application is moved onto SecureChannel.
     */
    static Path securityFile(Path dir, String firstEntry) throws Exception {
        StringBuilder text = new StringBuilder("security.provider.1=" + firstEntry + "\n");
        int n = 2;
        for (Provider p : Security.getProviders()) {
            String module = p.getClass().getModule().getName();
            if (module != null && (module.startsWith("java.") || module.startsWith("jdk."))) {
                text.append("security.provider.").append(n++).append('=').append(p.getName()).append('\n');
            }
        }
        Path file = dir.resolve("java.security." + firstEntry.replace('.', '_'));
        Files.writeString(file, text, StandardCharsets.ISO_8859_1);
        return file;
    }

    interface KeyStoreFiller {
        void fill(KeyStore ks) throws Exception;
    }

    /** A PKCS#12 file (password "changeit"), the form javax.net.ssl.keyStore/trustStore and Tomcat read. */
    static Path pkcs12(Path file, KeyStoreFiller filler) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        filler.fill(ks);
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, "changeit".toCharArray());
        }
        return file;
    }

    static Result run(Path dir, List<String> jvmOptions, String classPath, Class<?> main, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        Path output = Files.createTempFile(dir, main.getSimpleName(), ".out");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            assertTrue(p.waitFor(40, TimeUnit.SECONDS), "the child JVM did not finish: " + Files.readString(output));
        } finally {
            p.destroyForcibly();
        }
        String text = Files.readString(output);
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && line.substring(0, eq).matches("[A-Za-z0-9_.]+")) {
                values.put(line.substring(0, eq), line.substring(eq + 1).trim());
            }
        }
        return new Result(values, text, p.exitValue());
    }
}
