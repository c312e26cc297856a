package org.karabeat.config.legacy;

import java.util.regex.Pattern;

/**
 * Whole numbers. heartbeat reads them with {@code atoi}, which turns {@code abc} into 0 and {@code 70000}
 * into a wrapped port; Karabeat requires plain decimal digits within the range the directive allows.
 */
final class WholeNumber {

    private static final Pattern DIGITS = Pattern.compile("[+-]?[0-9]{1,10}");

    private WholeNumber() {
    }

    static Checked<Integer> parse(String word, long min, long max) {
        String expected = "expected a whole number from " + min + " to " + max;
        if (!DIGITS.matcher(word).matches()) {
            return Checked.bad("invalid value '" + word + "': " + expected);
        }
        long value = Long.parseLong(word);
        if (value < min || value > max) {
            return Checked.bad("value " + word + " is out of range: " + expected);
        }
        return Checked.ok((int) value);
    }
}
