package org.karabeat.config.legacy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A configuration file read into lines, with its permission bits. Lines are split on {@code \n} only; a
 * {@code \r} stays in the line for the parser to judge, as heartbeat's parsers see it.
 */
record TextFile(Path path, List<String> lines, OptionalInt mode) {

    /** How bytes become characters. */
    enum Encoding {
        /** UTF-8 when the file is valid UTF-8, else ISO-8859-1: names and messages read well. */
        TEXT,
        /** ISO-8859-1: one char per byte, so keys keep their exact bytes. */
        BYTES
    }

    /** Reads {@code path}; a missing or unreadable file is reported on {@code findings} and gives empty. */
    static Optional<TextFile> read(Path path, Encoding encoding, Findings findings) {
        if (Files.isDirectory(path)) {
            findings.error(0, "", "is a directory; expected a file");
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            findings.error(0, "", "file not found");
            return Optional.empty();
        } catch (AccessDeniedException e) {
            findings.error(0, "", "cannot be read: permission denied");
            return Optional.empty();
        } catch (IOException | SecurityException e) {
            findings.error(0, "", "cannot be read: " + e.getMessage());
            return Optional.empty();
        }
        return Optional.of(new TextFile(path, lines(decode(bytes, encoding)), modeOf(path)));
    }

    /** Whether group or others have any permission on the file (mode & 077). */
    boolean accessibleByGroupOrOthers() {
        return mode.isPresent() && (mode.getAsInt() & 077) != 0;
    }

    /** The permission bits as {@code 644}. */
    String modeText() {
        return mode.isPresent() ? Integer.toOctalString(mode.getAsInt()) : "?";
    }

    private static String decode(byte[] bytes, Encoding encoding) {
        if (encoding == Encoding.TEXT) {
            try {
                return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                // Not UTF-8 (a Latin-1 comment, say): fall back to one char per byte.
            }
        }
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            if (nl < 0) {
                lines.add(text.substring(start));
                break;
            }
            lines.add(text.substring(start, nl));
            start = nl + 1;
        }
        return lines;
    }

    private static OptionalInt modeOf(Path path) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
            int mode = 0;
            for (PosixFilePermission p : permissions) {
                mode |= 1 << (8 - p.ordinal());
            }
            return OptionalInt.of(mode);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // No POSIX permissions here (another file system): nothing to check.
            return OptionalInt.empty();
        }
    }
}
