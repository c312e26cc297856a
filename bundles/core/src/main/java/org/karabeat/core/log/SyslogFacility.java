package org.karabeat.core.log;

import java.util.Locale;
import java.util.Map;

/** Syslog facility names as {@code ha.cf}'s {@code logfacility} takes them, with their numbers. */
final class SyslogFacility {

    private static final Map<String, Integer> FACILITIES = Map.ofEntries(Map.entry("kern", 0), Map.entry("user", 1),
            Map.entry("mail", 2), Map.entry("daemon", 3), Map.entry("auth", 4), Map.entry("syslog", 5),
            Map.entry("lpr", 6), Map.entry("news", 7), Map.entry("uucp", 8), Map.entry("cron", 9),
            Map.entry("authpriv", 10), Map.entry("ftp", 11), Map.entry("local0", 16), Map.entry("local1", 17),
            Map.entry("local2", 18), Map.entry("local3", 19), Map.entry("local4", 20), Map.entry("local5", 21),
            Map.entry("local6", 22), Map.entry("local7", 23));

    private SyslogFacility() {
    }

    /** The facility number, or -1 for {@code none} or an unknown name (the parser has rejected those). */
    static int number(String name) {
        Integer n = FACILITIES.get(name.toLowerCase(Locale.ROOT));
        return n == null ? -1 : n;
    }
}
