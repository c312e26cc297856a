package org.karabeat.config.legacy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class TimeValueTest {

    private static long ms(String word) {
        Checked<Long> c = TimeValue.parse(word);
        assertTrue(word + ": " + c.error(), c.isOk());
        return c.value();
    }

    private static void plain(String word, long expectedMs) {
        Checked<Long> c = TimeValue.parse(word);
        assertEquals(word, expectedMs, (long) c.value());
        assertNull(word + " should need no note", c.note());
    }

    @Test
    public void plainNumbersAreSeconds() {
        plain("1", 1000);
        plain("10", 10000);
        plain("0.5", 500);
        plain(".25", 250);
        plain("0.001", 1);
        plain("0", 0);
    }

    @Test
    public void millisecondsAndMicroseconds() {
        plain("1000ms", 1000);
        plain("250MS", 250);
        plain("250msec", 250);
        plain("1.5ms", 2);
        plain("1000000us", 1000);
        plain("1500usec", 2);
        plain("499us", 0);
        plain("501us", 1);
        plain("500US", 1);
    }

    @Test
    public void onlyTheFirstLettersOfTheUnitCount() {
        Checked<Long> c = TimeValue.parse("10msecs");
        assertEquals(10L, (long) c.value());
        assertTrue(c.note().contains("first letters"));
        // cl_misc.c: "msec" became "cl_get_msec" in a search and replace; its first four letters mean ms.
        assertEquals(7L, ms("7cl_get"));
        assertTrue(TimeValue.parse("7cl_get").hasNote());
    }

    @Test
    public void oddNumbersAreReadAsAtofReadsThem() {
        Checked<Long> c = TimeValue.parse("1.2.3");
        assertEquals(1200L, (long) c.value());
        assertEquals("'1.2.3' is read as 1.2 seconds (1200 ms)", c.note());
        assertEquals(0L, ms("."));
        assertEquals(5000L, ms("5."));
    }

    @Test
    public void thereIsNoSecondsUnit() {
        Checked<Long> c = TimeValue.parse("10s");
        assertFalse(c.isOk());
        assertEquals("invalid time '10s': a plain number is seconds and the only units are ms and us"
                + " (write 10 or 10000ms)", c.error());
        assertEquals("invalid time '1.5sec': a plain number is seconds and the only units are ms and us"
                + " (write 1.5 or 1500ms)", TimeValue.parse("1.5sec").error());
        assertFalse(TimeValue.parse("2m").isOk());
        assertFalse(TimeValue.parse("1h").isOk());
        assertFalse(TimeValue.parse("1e3").isOk());
    }

    @Test
    public void absurdlyLongTimesAreRefused() {
        assertEquals("invalid time '99999999999': more than 24 days", TimeValue.parse("99999999999").error());
        assertEquals(2_000_000_000L, ms("2000000"));
    }

    @Test
    public void aTimeStartsWithADigitOrADot() {
        for (String bad : new String[] {"", "abc", "-1", "+1", "ms", " 1"}) {
            assertFalse("'" + bad + "'", TimeValue.parse(bad).isOk());
        }
        assertEquals("invalid time 'abc': expected a number of seconds (10, 0.5) or of milliseconds (500ms)",
                TimeValue.parse("abc").error());
    }
}
