package org.karabeat.config.legacy;

import java.util.List;

/**
 * Facility names cluster-glue's {@code cl_syslogfac_str2int} accepts on Debian (glibc's
 * {@code facilitynames}, case-sensitive) plus {@code none}, with their syslog numbers.
 */
public final class SyslogFacility {

    static final List<String> NAMES = List.of("auth", "authpriv", "cron", "daemon", "ftp", "kern", "lpr",
            "mail", "mark", "news", "security", "syslog", "user", "uucp", "local0", "local1", "local2",
            "local3", "local4", "local5", "local6", "local7");
    // glibc's numbers for the names above, in the same order (security is the old name of auth)
    private static final int[] NUMBERS = {4, 10, 9, 3, 11, 0, 6, 2, 24, 7, 4, 5, 1, 8, 16, 17, 18, 19, 20, 21, 22,
        23};

    private SyslogFacility() {
    }

    static boolean isKnown(String name) {
        return name.equals("none") || NAMES.contains(name);
    }

    /**
     * Whether heartbeat logs to syslog with it: {@code none} and {@code kern} both have the number 0, which
     * heartbeat treats as "no facility".
     */
    static boolean logsToSyslog(String name) {
        return isKnown(name) && !name.equals("none") && !name.equals("kern");
    }

    /** The facility number syslog messages carry, or -1 when heartbeat would not log to syslog with it. */
    public static int number(String name) {
        return logsToSyslog(name) ? NUMBERS[NAMES.indexOf(name)] : -1;
    }
}
