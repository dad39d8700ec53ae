package org.securechannel.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README links only inside the repository: every Markdown link is a relative path that exists or an anchor
 * of one of its own headings, and there are no autolinks or HTML links to other sites. (The README is read where
 * people clone it, offline too; and what a link outside points at changes without us.) Also: its command-line
 * section shows how to make cert.pem/key.pem and a PKCS#12 key store, and the options this module has.
 */
class ReadmeLinksTest {
    private static final Pattern MARKDOWN_LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern OUTSIDE = Pattern.compile("(?i)<(https?|ftp)://|href=\"(https?|ftp)://|\\]\\((https?|ftp|mailto):");
    private static final Pattern HEADING = Pattern.compile("^#+\\s+(.*)$", Pattern.MULTILINE);

    /** The README of the checkout: the build runs in cli/, the README is beside the parent pom. */
    private static Path readme() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("README.md")) && Files.isDirectory(d.resolve("cli"))) {
                return d.resolve("README.md");
            }
        }
        throw new AssertionError("no README.md above " + dir);
    }

    /** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
    private static String anchor(String heading) {
        return heading.trim().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    @Test
    void everyLinkStaysInTheRepository() throws Exception {
        Path readme = readme();
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        List<String> anchors = new ArrayList<>();
        for (Matcher h = HEADING.matcher(text); h.find(); ) {
            anchors.add(anchor(h.group(1)));
        }
        Matcher outside = OUTSIDE.matcher(text);
        assertTrue(!outside.find(), () -> "a link out of the repository: " + text.substring(outside.start(),
                Math.min(text.length(), outside.start() + 80)));
        int links = 0;
        for (Matcher m = MARKDOWN_LINK.matcher(text); m.find(); links++) {
            String target = m.group(1);
            assertTrue(!target.contains("://"), "not relative: " + target);
            if (target.startsWith("#")) {
                assertTrue(anchors.contains(target.substring(1)), "no heading for " + target + " in " + anchors);
            } else {
                String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                assertTrue(!file.startsWith("/") && !file.startsWith(".."), "outside the checkout: " + target);
                assertTrue(Files.exists(readme.getParent().resolve(file)), "no such file in the repository: " + target);
            }
        }
        assertTrue(links > 0, "the pattern found the README's links");
    }

    @Test
    void theCommandLineSectionShowsHowToMakeKeysAndTheNewOptions() throws Exception {
        String text = Files.readString(readme(), StandardCharsets.UTF_8);
        String section = text.substring(text.indexOf("## Command-line tool"));
        section = section.substring(0, section.indexOf("\n## ", 5));
        for (String expected : List.of("openssl req -x509", "-keyout key.pem -out cert.pem",
                "keytool -genkeypair", "-storetype PKCS12", "--pkcs12", "--password-file", "do not match", "h2")) {
            assertTrue(section.contains(expected), "the Command-line tool section shows " + expected);
        }
    }
}
