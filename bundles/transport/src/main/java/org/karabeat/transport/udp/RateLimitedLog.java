package org.karabeat.transport.udp;

import java.util.HashMap;
import java.util.Map;

import org.slf4j.Logger;

/**
 * Log lines about bad packets (and other things a peer can repeat at will), at most one per key (reason and sender) per interval, with the count of the
 * lines held back: a flood of forged datagrams must not flood the log or the disk. The number of keys is
 * bounded, so a flood from random spoofed senders cannot grow memory either. Single-threaded (the transport's
 * I/O thread).
 */
final class RateLimitedLog {

    /** Keys beyond this share one bucket. */
    static final int MAX_KEYS = 256;
    private static final String OVERFLOW = "(many senders)";

    private record Bucket(long lastLogged, long suppressed) {
    }

    private final Logger log;
    private final long intervalMs;
    private final Map<String, Bucket> buckets = new HashMap<>();

    RateLimitedLog(Logger log, long intervalMs) {
        this.log = log;
        this.intervalMs = intervalMs;
    }

    /** Logs {@code text} at ERROR unless a line with this key was logged less than the interval ago. */
    void error(String key, long nowMs, String text) {
        log(true, key, nowMs, text);
    }

    /** Logs {@code text} at WARN unless a line with this key was logged less than the interval ago. */
    void warn(String key, long nowMs, String text) {
        log(false, key, nowMs, text);
    }

    private void log(boolean error, String key, long nowMs, String text) {
        String k = buckets.containsKey(key) || buckets.size() < MAX_KEYS ? key : OVERFLOW;
        Bucket b = buckets.get(k);
        if (b != null && nowMs - b.lastLogged() < intervalMs) {
            buckets.put(k, new Bucket(b.lastLogged(), b.suppressed() + 1));
            return;
        }
        String suffix = b != null && b.suppressed() > 0
                ? " (" + b.suppressed() + " similar message(s) suppressed in the last " + (nowMs - b.lastLogged()) / 1000
                        + " s)"
                : "";
        String line = k.equals(OVERFLOW) ? text + " [and other senders]" : text;
        if (error) {
            log.error("{}{}", line, suffix);
        } else {
            log.warn("{}{}", line, suffix);
        }
        buckets.put(k, new Bucket(nowMs, 0));
        if (buckets.size() >= MAX_KEYS) {
            buckets.values().removeIf(x -> nowMs - x.lastLogged() > 10 * intervalMs && x.suppressed() == 0);
        }
    }
}
