package org.karabeat.config.legacy;

/**
 * heartbeat's time values, read exactly as cluster-glue's {@code cl_get_msec} reads them: a number (digits
 * and dots) is seconds; a unit starting with {@code ms} means milliseconds and one starting with {@code us}
 * microseconds, case-insensitive; the result is rounded to the nearest millisecond. There is no {@code s}
 * unit. A unit starting with {@code cl_g} also means milliseconds (a search-and-replace accident in
 * cl_misc.c that turned {@code "msec"} into {@code "cl_get_msec"}).
 */
final class TimeValue {

    private static final String NUMCHARS = "0123456789.";

    private TimeValue() {
    }

    /** Milliseconds, or why the word is not a time. */
    static Checked<Long> parse(String word) {
        if (word.isEmpty() || NUMCHARS.indexOf(word.charAt(0)) < 0) {
            return Checked.bad("invalid time '" + word
                    + "': expected a number of seconds (10, 0.5) or of milliseconds (500ms)");
        }
        int end = 0;
        while (end < word.length() && NUMCHARS.indexOf(word.charAt(end)) >= 0) {
            end++;
        }
        String number = word.substring(0, end);
        String unit = word.substring(end);
        String lowerUnit = Words.asciiLower(unit);
        long multiplier = 1000;
        long divisor = 1;
        String unitName = "seconds";
        if (lowerUnit.startsWith("ms") || lowerUnit.startsWith("cl_g")) {
            multiplier = 1;
            unitName = "milliseconds";
        } else if (lowerUnit.startsWith("us")) {
            multiplier = 1;
            divisor = 1000;
            unitName = "microseconds";
        } else if (!unit.isEmpty()) {
            return Checked.bad(badUnit(word, number, unit));
        }
        String decimal = decimalPrefix(number);
        double value = decimal.isEmpty() || decimal.equals(".") ? 0 : Double.parseDouble(decimal);
        long ms = (long) (value * multiplier / divisor + 0.5);
        if (ms > Integer.MAX_VALUE) {
            // Sums such as twice keepalive must not overflow; no cluster waits 24 days for anything.
            return Checked.bad("invalid time '" + word + "': more than 24 days");
        }
        if (!decimal.equals(number) || decimal.equals(".")) {
            return Checked.okWithNote(ms, "'" + word + "' is read as " + (decimal.equals(".") ? "0" : decimal)
                    + " " + unitName + " (" + ms + " ms)");
        }
        if (!unit.isEmpty() && !isUsualUnit(lowerUnit)) {
            return Checked.okWithNote(ms, "'" + word + "' is read as " + ms
                    + " ms: heartbeat looks only at the first letters of the unit; write ms or us");
        }
        return Checked.ok(ms);
    }

    private static boolean isUsualUnit(String lowerUnit) {
        return lowerUnit.equals("ms") || lowerUnit.equals("msec") || lowerUnit.equals("us")
                || lowerUnit.equals("usec");
    }

    private static String badUnit(String word, String number, String unit) {
        String message = "invalid time '" + word + "': a plain number is seconds and the only units are ms and us";
        String decimal = decimalPrefix(number);
        if (Words.asciiLower(unit).startsWith("s") && decimal.equals(number) && !decimal.equals(".")) {
            long ms = (long) (Double.parseDouble(decimal) * 1000 + 0.5);
            message += " (write " + number + " or " + ms + "ms)";
        }
        return message;
    }

    /** The longest prefix {@code atof} would read from a string of digits and dots. */
    private static String decimalPrefix(String number) {
        int firstDot = number.indexOf('.');
        if (firstDot < 0) {
            return number;
        }
        int secondDot = number.indexOf('.', firstDot + 1);
        return secondDot < 0 ? number : number.substring(0, secondDot);
    }
}
