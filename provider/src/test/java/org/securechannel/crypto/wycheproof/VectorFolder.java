package org.securechannel.crypto.wycheproof;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the Wycheproof vectors are: {@code shared/wycheproof} beside the repository (CI and the dev machines
 * both have it at {@code ../shared/wycheproof} from the repository root; the JSON is never copied into the
 * repository). Found by walking up from the working directory, so it works from the reactor root and from a
 * module alike. Missing vectors fail the test rather than skip it: a suite that silently runs nothing proves
 * nothing.
 */
public final class VectorFolder {
    private VectorFolder() {
    }

    public static Path locate() {
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("wycheproof");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("Wycheproof vectors not found: no shared/wycheproof folder in " + start
                + " or any parent. Place the vector set at ../shared/wycheproof relative to the repository root"
                + " (see its README.md).");
    }
}
