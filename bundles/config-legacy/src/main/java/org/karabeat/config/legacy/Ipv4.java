package org.karabeat.config.legacy;

import java.util.regex.Pattern;

/** Strict dotted-quad IPv4 addresses, held as an int. */
final class Ipv4 {

    private static final Pattern DOTTED_QUAD = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

    private Ipv4() {
    }

    /** Whether the word is made of digits and dots only, so that it can only be meant as an address. */
    static boolean looksNumeric(String word) {
        return !word.isEmpty() && word.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }

    static Checked<Integer> parse(String word) {
        if (!DOTTED_QUAD.matcher(word).matches()) {
            return Checked.bad("'" + word + "' is not an IPv4 address (four numbers 0..255 separated by dots)");
        }
        int value = 0;
        for (String part : word.split("\\.")) {
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                return Checked.bad("'" + word + "' is not an IPv4 address: " + part + " is more than 255");
            }
            if (part.length() > 1 && part.charAt(0) == '0') {
                return Checked.bad("'" + word + "' has a number with a leading zero, which some tools read as"
                        + " octal: write it without leading zeros");
            }
            value = (value << 8) | octet;
        }
        return Checked.ok(value);
    }

    static String format(int address) {
        return ((address >>> 24) & 0xff) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "."
                + (address & 0xff);
    }

    static boolean isMulticast(int address) {
        return (address & 0xf0000000) == 0xe0000000;
    }

    /** 0.0.0.0/8, 224.0.0.0/4 and 240.0.0.0/4 (which includes 255.255.255.255). */
    static boolean isUnusableForAHost(int address) {
        int first = address >>> 24;
        return first == 0 || first >= 224;
    }

    static boolean isLoopback(int address) {
        return address >>> 24 == 127;
    }

    static int mask(int bits) {
        return bits == 0 ? 0 : -1 << (32 - bits);
    }

    /** The prefix length of a contiguous dotted-quad netmask, or -1. */
    static int prefixLength(int netmask) {
        int bits = Integer.bitCount(netmask);
        return mask(bits) == netmask ? bits : -1;
    }
}
