package org.karabeat.config.legacy;

import java.util.Optional;

/** cluster-glue's {@code cl_str_to_boolean}: true/on/yes/y/1 and false/off/no/n/0, case-insensitive. */
final class BooleanValue {

    static final String EXPECTED = "expected on or off (also true/false, yes/no, y/n, 1/0)";

    private BooleanValue() {
    }

    static Optional<Boolean> parse(String word) {
        switch (Words.asciiLower(word)) {
            case "true", "on", "yes", "y", "1":
                return Optional.of(true);
            case "false", "off", "no", "n", "0":
                return Optional.of(false);
            default:
                return Optional.empty();
        }
    }

    static String invalid(String word) {
        return "invalid value '" + word + "': " + EXPECTED;
    }
}
