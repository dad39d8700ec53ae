package org.securechannel.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import org.securechannel.session.ClientSession;
import org.securechannel.session.InvalidSessionException;

/**
 * {@code client --sess-out FILE} / {@code --sess-in FILE}, as {@code openssl s_client} has them: a resumable session
 * (a ticket and the state that goes with it, including its PSK) as PEM-style text. The file holds a secret: it is
 * written readable by its owner only, where the file system allows.
 */
final class SessionFiles {
    static final String SESS_OUT = "--sess-out";
    static final String SESS_IN = "--sess-in";
    private static final String BEGIN = "-----BEGIN SECURECHANNEL SESSION-----";
    private static final String END = "-----END SECURECHANNEL SESSION-----";

    private SessionFiles() {
    }

    static ClientSession read(Path file) throws UsageException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UsageException(SESS_IN + ": cannot read " + file + ": " + PemFiles.oneLine(e));
        }
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new UsageException(SESS_IN + ": " + file + " holds no SECURECHANNEL SESSION block");
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(text.substring(begin + BEGIN.length(), end));
            return ClientSession.importFrom(der);
        } catch (IllegalArgumentException | InvalidSessionException e) {
            throw new UsageException(SESS_IN + ": " + file + " is not a saved session: " + PemFiles.oneLine(e));
        }
    }

    static void write(Path file, ClientSession session) throws IOException {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(session.export());
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, BEGIN + "\n" + body + "\n" + END + "\n", StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
