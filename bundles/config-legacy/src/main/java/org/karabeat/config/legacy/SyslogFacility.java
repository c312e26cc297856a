package org.karabeat.config.legacy;

import java.util.List;

/**
 * Facility names cluster-glue's {@code cl_syslogfac_str2int} accepts on Debian (glibc's
 * {@code facilitynames}, case-sensitive) plus {@code none}.
 */
final class SyslogFacility {

    static final List<String> NAMES = List.of("auth", "authpriv", "cron", "daemon", "ftp", "kern", "lpr",
            "mail", "mark", "news", "security", "syslog", "user", "uucp", "local0", "local1", "local2",
            "local3", "local4", "local5", "local6", "local7");

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
}
