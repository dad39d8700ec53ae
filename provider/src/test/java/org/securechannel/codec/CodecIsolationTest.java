package org.securechannel.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** DESIGN §1: codec is pure data and imports nothing else of the project. */
class CodecIsolationTest {
    @Test
    void codecImportsNoOtherProjectPackage() throws IOException {
        Path dir = Path.of("src/main/java/org/securechannel/codec");
        assertTrue(Files.isDirectory(dir), "run from the provider module: " + dir.toAbsolutePath());
        List<String> offenders;
        try (Stream<Path> files = Files.list(dir)) {
            offenders = files.filter(p -> p.toString().endsWith(".java")).flatMap(p -> {
                try {
                    return Files.readAllLines(p).stream()
                            .filter(l -> l.startsWith("import org.securechannel.") || l.startsWith("import static org.securechannel."))
                            .filter(l -> !l.contains("org.securechannel.codec."))
                            .map(l -> p.getFileName() + ": " + l);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).collect(Collectors.toList());
        }
        assertEquals(List.of(), offenders);
    }
}
