package org.karabeat.config.legacy;

import java.util.ArrayList;
import java.util.List;

/** Splitting and case rules of heartbeat's C parsers. */
final class Words {

    /** heartbeat.h WHITESPACE. */
    static final String WHITESPACE = " \t\n\r\f";
    /** heartbeat.h DELIMS: option values are separated by blanks or commas. */
    static final String DELIMS = ", \t\n\r\f";

    private Words() {
    }

    /** The non-empty runs of {@code s} between characters of {@code delims}. */
    static List<String> split(String s, String delims) {
        List<String> words = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            while (i < s.length() && delims.indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            int start = i;
            while (i < s.length() && delims.indexOf(s.charAt(i)) < 0) {
                i++;
            }
            if (i > start) {
                words.add(s.substring(start, i));
            }
        }
        return words;
    }

    /** {@code s} without its leading characters from {@code chars} (C's {@code strspn} skip). */
    static String skip(String s, String chars) {
        int i = 0;
        while (i < s.length() && chars.indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        return s.substring(i);
    }

    /** Index of the first character of {@code s} in {@code chars}, or its length (C's {@code strcspn}). */
    static int span(String s, String chars) {
        int i = 0;
        while (i < s.length() && chars.indexOf(s.charAt(i)) < 0) {
            i++;
        }
        return i;
    }

    /** ASCII-only lower case, as heartbeat's {@code inplace_ascii_strdown}. */
    static String asciiLower(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return sb.toString();
    }

    /** {@code a, b and c}-style list for messages. */
    static String list(List<String> items) {
        return String.join(", ", items);
    }
}
