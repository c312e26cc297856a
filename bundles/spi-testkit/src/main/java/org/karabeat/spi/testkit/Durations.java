package org.karabeat.spi.testkit;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Durations and parameters written for people: {@code 12 ms}, {@code 1.5 s}, {@code {user=admin, password=[set]}}. */
final class Durations {

    private static final Pattern SECRET = Pattern.compile("(?i).*(pass|secret|token|key).*");

    private Durations() {
    }

    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms % 1000 == 0) {
            return (ms / 1000) + " s";
        }
        return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    static String formatNanos(long nanos) {
        return format(Duration.ofNanos(nanos));
    }

    /** Parameters for a message: values of names that look secret (password, secret, token, key) shown as {@code [set]}. */
    static String parameters(Map<String, String> parameters) {
        Map<String, String> shown = new LinkedHashMap<>();
        parameters.forEach((name, value) -> shown.put(name, SECRET.matcher(name).matches() ? "[set]" : value));
        return shown.toString();
    }
}
