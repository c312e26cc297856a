package org.karabeat.transport.identity;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@code hb_generation}: "%15lu\n", one more at each start, as heartbeat 3.0.6 keeps it. */
public class HbGenerationFileTest {

    private static final long CLOCK = 1_795_700_000L;

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void readsTheFileTheRealDaemonWrote() throws IOException {
        Path dir = dirWith("sha1-hb1.hb_generation");
        assertEquals("     1795637264\n", Files.readString(dir.resolve("hb_generation")));
        assertEquals(OptionalLong.of(1_795_637_264L), new HbGenerationFile(dir).read());
    }

    @Test
    public void twoStartsWriteWhatTheRealDaemonWroteAfterTwoStarts() throws IOException {
        // the lab started each node three times: sha1, md5, crc runs
        for (String node : new String[] {"hb1", "hb2"}) {
            Path dir = dirWith("sha1-" + node + ".hb_generation");
            HbGenerationFile f = new HbGenerationFile(dir);
            long first = f.read().getAsLong();
            assertEquals(first + 1, f.next(() -> CLOCK));
            assertArrayEquals(resource("md5-" + node + ".hb_generation"),
                    Files.readAllBytes(dir.resolve("hb_generation")));
            assertEquals(first + 2, f.next(() -> CLOCK));
            assertArrayEquals(resource("crc-" + node + ".hb_generation"),
                    Files.readAllBytes(dir.resolve("hb_generation")));
        }
    }

    @Test
    public void aFirstStartBeginsAtTheClockPlusOne() throws IOException {
        Path dir = tmp.newFolder().toPath();
        HbGenerationFile f = new HbGenerationFile(dir);
        assertFalse(f.read().isPresent());
        assertEquals(CLOCK + 1, f.next(() -> CLOCK));
        assertEquals("     1795700001\n", Files.readString(dir.resolve("hb_generation")));
        assertEquals(CLOCK + 2, f.next(() -> CLOCK));
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("hb_generation"))));
        try (var files = Files.list(dir)) {
            assertEquals("no temporary file left", 1, files.count());
        }
    }

    @Test
    public void anEmptyOrUnreadableFileStartsAtTheClockPlusOne() throws IOException {
        for (String content : new String[] {"", "garbage\n", "-5\n", "               \n"}) {
            Path dir = tmp.newFolder().toPath();
            Files.writeString(dir.resolve("hb_generation"), content);
            assertEquals(content, CLOCK + 1, new HbGenerationFile(dir).next(() -> CLOCK));
        }
    }

    @Test
    public void parsingFollowsSscanfOnTheFirstSixteenBytes() {
        assertEquals(OptionalLong.of(42), parse("42"));
        assertEquals(OptionalLong.of(42), parse("\t 42\n"));
        assertEquals(OptionalLong.of(42), parse("+42"));
        assertEquals(OptionalLong.of(42), parse("42abc"));
        assertEquals(OptionalLong.of(1234567890123456L), parse("12345678901234567890"));
        assertEquals(OptionalLong.empty(), parse("               \n42"));
        assertEquals(OptionalLong.empty(), parse("-1"));
        assertEquals(OptionalLong.empty(), parse(""));
    }

    @Test
    public void theGenerationNeverGoesBackEvenIfTheClockDoes() throws IOException {
        Path dir = tmp.newFolder().toPath();
        HbGenerationFile f = new HbGenerationFile(dir);
        long a = f.next(() -> CLOCK);
        long b = f.next(() -> 1L);
        long c = f.next(() -> 1L);
        assertTrue(a < b && b < c);
        assertEquals(OptionalLong.of(c), f.read());
    }

    @Test
    public void theFormatIsFifteenColumnsAndANewline() {
        assertEquals("              1\n", new String(HbGenerationFile.format(1), StandardCharsets.US_ASCII));
        assertEquals("999999999999999\n",
                new String(HbGenerationFile.format(HbGenerationFile.MAX), StandardCharsets.US_ASCII));
        try {
            HbGenerationFile.format(HbGenerationFile.MAX + 1);
            throw new AssertionError("accepted 16 digits");
        } catch (IllegalArgumentException expected) {
            // heartbeat could not read it back
        }
    }

    private static OptionalLong parse(String s) {
        return HbGenerationFile.parse(s.getBytes(StandardCharsets.US_ASCII));
    }

    private Path dirWith(String resource) throws IOException {
        Path dir = tmp.newFolder().toPath();
        Files.write(dir.resolve("hb_generation"), resource(resource));
        return dir;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = HbGenerationFileTest.class.getResourceAsStream("real/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    public void timeBasedGenerationIsTheClockButNeverAtOrBelowTheStoredOne() throws IOException {
        HbGenerationFile f = new HbGenerationFile(tmp.newFolder().toPath());
        assertEquals(CLOCK, f.next(() -> CLOCK, true));
        assertEquals(CLOCK + 50, f.next(() -> CLOCK + 50, true));
        assertEquals("the clock went back", CLOCK + 51, f.next(() -> CLOCK - 3600, true));
        assertEquals("stored like heartbeat's file", OptionalLong.of(CLOCK + 51), f.read());
        assertEquals("back to file-based: one more", CLOCK + 52, f.next(() -> 0L));
    }
}
