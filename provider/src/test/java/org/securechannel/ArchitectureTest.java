package org.securechannel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The arrows DESIGN §1 forbids, checked on the sources: any reference counts, imported or fully
 * qualified, so a rule cannot be dodged by spelling a name out.
 */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java/org/securechannel");
    private static final Pattern PROJECT_REF = Pattern.compile("org\\.securechannel\\.([a-z0-9]+)\\b");

    /** For each package, the project packages it may use (besides itself). */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "codec", Set.of(),
            "crypto", Set.of("codec"),
            "record", Set.of("codec", "crypto"),
            "session", Set.of("codec", "crypto"),
            "handshake", Set.of("codec", "crypto", "record", "session"),
            "context", Set.of("codec", "crypto", "record", "handshake", "session"),
            "jca", Set.of("context", "codec"),
            "jsse", Set.of("context", "codec", "crypto", "jca", "session"));

    /**
     * javax.net.ssl belongs to the jsse adapter. The one exception: Credentials accept the JSSE key and trust
     * manager interfaces (the issue asks for "an X509KeyManager", "an X509TrustManager"), so the context
     * classes that call them may name those types, and nothing else of javax.net.ssl.
     */
    private static final Set<String> JSSE_TYPES_IN_CONTEXT = Set.of(
            "X509KeyManager", "X509TrustManager", "TrustManagerFactory", "TrustManager");

    @Test
    void packagesOnlyUseWhatTheyMayUse() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Map.Entry<String, Set<String>> rule : ALLOWED.entrySet()) {
            forEachSource(MAIN.resolve(rule.getKey()), (file, text) -> {
                Matcher m = PROJECT_REF.matcher(text);
                while (m.find()) {
                    String used = m.group(1);
                    if (!used.equals(rule.getKey()) && !rule.getValue().contains(used) && !isClassName(used)) {
                        offenders.add(file + " uses " + used);
                    }
                }
            });
        }
        assertEquals(List.of(), offenders);
    }

    @Test
    void javaxNetSslStaysInTheAdapter() throws IOException {
        List<String> offenders = new ArrayList<>();
        Pattern ssl = Pattern.compile("javax\\.net\\.ssl\\.(\\w+)");
        forEachSource(MAIN, (file, text) -> {
            Matcher m = ssl.matcher(text);
            while (m.find()) {
                boolean adapter = file.startsWith(MAIN.resolve("jsse"));
                boolean allowedInContext = file.startsWith(MAIN.resolve("context")) && JSSE_TYPES_IN_CONTEXT.contains(m.group(1));
                if (!adapter && !allowedInContext) {
                    offenders.add(file + " uses javax.net.ssl." + m.group(1));
                }
            }
        });
        assertEquals(List.of(), offenders);
    }

    @Test
    void bouncyCastleAndTinkOnlyInTheirBackends() throws IOException {
        List<String> offenders = new ArrayList<>();
        forEachSource(MAIN, (file, text) -> {
            String name = file.getFileName().toString();
            // Tink seals session tickets (DESIGN §1: "the only place Tink appears"), so its classes live in session/.
            boolean tinkClass = name.startsWith("Tink") && file.startsWith(MAIN.resolve("session"));
            if (!name.startsWith("BouncyCastle") && text.contains("org.bouncycastle.")) {
                offenders.add(file.toString());
            }
            if (!tinkClass && text.contains("com.google.crypto.tink.")) {
                offenders.add(file.toString());
            }
        });
        assertEquals(List.of(), offenders);
    }

    /** org.securechannel.SecureChannelProvider and the like are classes of the root package, not packages. */
    private static boolean isClassName(String segment) {
        return Character.isUpperCase(segment.charAt(0));
    }

    private interface SourceVisitor {
        void visit(Path file, String text);
    }

    private static void forEachSource(Path dir, SourceVisitor visitor) throws IOException {
        assertTrue(Files.isDirectory(MAIN), "run from the provider module: " + MAIN.toAbsolutePath());
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(p -> p.toString().endsWith(".java")).forEach(p -> {
                try {
                    visitor.visit(p, Files.readString(p));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
