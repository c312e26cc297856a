package org.karabeat.transport.udp;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import org.junit.Test;
import org.slf4j.Logger;

/** One line per key per interval, the held-back count on the next line, and a bounded number of keys. */
public class RateLimitedLogTest {

    private final List<String> lines = new ArrayList<>();
    /** A Logger that keeps what {@code error("{}{}", text, suffix)} would print. */
    private final Logger logger = (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(),
            new Class<?>[] {Logger.class}, (proxy, method, args) -> {
                if (method.getName().equals("error") && args != null && args.length == 3) {
                    lines.add(String.valueOf(args[1]) + args[2]);
                } else if (method.getName().equals("error")) {
                    throw new AssertionError("unexpected error(...) form");
                }
                return method.getReturnType() == boolean.class ? Boolean.TRUE : null;
            });

    @Test
    public void oneLinePerKeyPerIntervalThenTheCountOfTheOthers() {
        RateLimitedLog log = new RateLimitedLog(logger, 10_000);
        log.error("bad-digest/192.0.2.9", 0, "first");
        for (int i = 1; i <= 41; i++) {
            log.error("bad-digest/192.0.2.9", i * 100, "held back " + i);
        }
        log.error("truncated/192.0.2.9", 5_000, "another reason");
        log.error("bad-digest/192.0.2.10", 5_000, "another sender");
        assertEquals(List.of("first", "another reason", "another sender"), lines);
        log.error("bad-digest/192.0.2.9", 10_000, "after the interval");
        assertEquals("after the interval (41 similar message(s) suppressed in the last 10 s)", lines.get(3));
        log.error("bad-digest/192.0.2.9", 25_000, "quiet since");
        assertEquals("quiet since", lines.get(4));
    }

    @Test
    public void aFloodFromManySendersIsBounded() {
        RateLimitedLog log = new RateLimitedLog(logger, 10_000);
        for (int i = 0; i < 100_000; i++) {
            log.error("bad-digest/10." + (i >> 16) + "." + (i >> 8 & 255) + "." + (i & 255), 1_000, "from " + i);
        }
        // one line for each of the first keys, then one for all the others together
        assertEquals(RateLimitedLog.MAX_KEYS + 1, lines.size());
        assertTrue(lines.get(RateLimitedLog.MAX_KEYS), lines.get(RateLimitedLog.MAX_KEYS).endsWith(
                "[and other senders]"));
        // long after, quiet keys are forgotten and a new sender has a line of its own again
        log.error("bad-digest/192.0.2.1", 1_000 + 11 * 10_000L, "later");
        log.error("bad-digest/192.0.2.2", 1_000 + 11 * 10_000L, "later too");
        assertEquals("later too", lines.get(lines.size() - 1));
    }
}
