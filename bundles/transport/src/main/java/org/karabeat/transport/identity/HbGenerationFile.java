package org.karabeat.transport.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code hb_generation} in the state directory, as 3.0.6's {@code IncrGeneration} keeps it: the decimal
 * generation right-aligned in 15 characters and a newline ({@code "%15lu\n"}, 16 bytes). Every start adds one
 * and stores the new value, durably, before it is used, so a generation is never used twice; peers take a
 * lower generation than the last they saw for a replay. With no stored value the generation starts at the
 * current Unix time + 1 ("No Previous generation - starting at ...").
 * <p>
 * Reading follows heartbeat: the first 16 bytes, {@code sscanf("%lu")} (leading blanks skipped, digits up to
 * the first non-digit). One difference: heartbeat restarts at 1 after an unreadable file ("BROKEN previous
 * generation"), below what its peers last saw; Karabeat then starts at the current time + 1, like a missing
 * file, which stays above any earlier time-seeded generation.
 */
public final class HbGenerationFile {

    /** The file name heartbeat uses. */
    public static final String NAME = "hb_generation";
    /** heartbeat's GENLEN: the bytes it reads and writes. */
    static final int LENGTH = 16;
    /** The largest generation that fits heartbeat's 15 digits. */
    static final long MAX = 999_999_999_999_999L;

    private static final Logger LOG = LoggerFactory.getLogger(HbGenerationFile.class);

    private final Path file;

    public HbGenerationFile(Path stateDirectory) {
        this.file = stateDirectory.resolve(NAME);
    }

    public Path path() {
        return file;
    }

    /** The stored generation; empty when the file is missing, empty or unreadable as a number. */
    public OptionalLong read() throws IOException {
        return parse(DurableFile.readPrefix(file, LENGTH));
    }

    /**
     * The generation for this start: the stored one + 1, or {@code epochSeconds} + 1 when there is none; stored
     * durably before this returns.
     *
     * @throws IOException when it cannot be stored (then it must not be used)
     */
    public long next(LongSupplier epochSeconds) throws IOException {
        return next(epochSeconds, false);
    }

    /**
     * As {@link #next(LongSupplier)}; with {@code timeBased} ({@code hbgenmethod time}) the generation is the
     * current Unix time, as heartbeat's GetTimeBasedGeneration, but never at or below the stored one (a clock
     * set back must not make peers take this node for a replay), and it is stored too.
     */
    public long next(LongSupplier epochSeconds, boolean timeBased) throws IOException {
        byte[] stored = DurableFile.readPrefix(file, LENGTH);
        OptionalLong previous = parse(stored);
        long generation;
        if (timeBased) {
            generation = Math.min(MAX, Math.max(epochSeconds.getAsLong(),
                    previous.isPresent() ? previous.getAsLong() + 1 : 0));
        } else if (previous.isPresent() && previous.getAsLong() < MAX) {
            generation = previous.getAsLong() + 1;
        } else {
            generation = epochSeconds.getAsLong() + 1;
            if (stored.length == 0) {
                LOG.warn("No previous generation in {} - starting at {}", file, generation);
            } else {
                LOG.warn("Unreadable previous generation in {} - starting at {}", file, generation);
            }
        }
        write(generation);
        return generation;
    }

    /** Stores {@code generation} in heartbeat's format, on disk before this returns. */
    public void write(long generation) throws IOException {
        DurableFile.replace(file, format(generation));
    }

    /** {@code "%15lu\n"}. */
    static byte[] format(long generation) {
        if (generation < 0 || generation > MAX) {
            throw new IllegalArgumentException("generation " + Long.toUnsignedString(generation)
                    + " does not fit heartbeat's 15 digits");
        }
        return String.format("%15d\n", generation).getBytes(StandardCharsets.US_ASCII);
    }

    /** heartbeat's reading: at most 16 bytes, {@code sscanf("%lu")}. */
    static OptionalLong parse(byte[] content) {
        int end = Math.min(content.length, LENGTH);
        int p = 0;
        while (p < end && isCSpace(content[p])) {
            p++;
        }
        if (p < end && content[p] == '+') {
            p++;
        }
        int start = p;
        while (p < end && content[p] >= '0' && content[p] <= '9') {
            p++;
        }
        if (p == start) {
            return OptionalLong.empty(); // no digits, or a minus sign heartbeat would wrap to a huge number
        }
        return OptionalLong.of(Long.parseLong(new String(content, start, p - start, StandardCharsets.US_ASCII)));
    }

    private static boolean isCSpace(byte c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    @Override
    public String toString() {
        return "HbGenerationFile[" + file + "]";
    }
}
