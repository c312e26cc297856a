package org.karabeat.core.log;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;

/**
 * Formats a log line exactly as heartbeat 3.0.6 writes its {@code logfile} and {@code debugfile}
 * (cluster-glue {@code append_log}), so existing grep habits, logcheck rules and log watchers keep working.
 * <ul>
 * <li>{@code syslogmsgfmt true} (the 3.0.6 default): {@code Nov 25 17:58:28 hb1 heartbeat: [2709]: info: msg}</li>
 * <li>{@code syslogmsgfmt false} (the older classic form): {@code heartbeat[2709]: 2026/11/25_17:58:28 info: msg}</li>
 * </ul>
 * Times are local time, as {@code localtime(3)} gives them.
 */
final class LogLineFormat {

    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
        "Oct", "Nov", "Dec"};

    private final boolean syslogStyle;
    private final String host;
    private final String entity;
    private final long pid;
    private final ZoneId zone;

    LogLineFormat(boolean syslogStyle, String host, String entity, long pid, ZoneId zone) {
        this.syslogStyle = syslogStyle;
        this.host = host;
        this.entity = entity;
        this.pid = pid;
        this.zone = zone;
    }

    /** One line, terminated by {@code \n}. */
    String format(long epochMillis, LogPriority priority, String message) {
        ZonedDateTime t = Instant.ofEpochMilli(epochMillis).atZone(zone);
        if (syslogStyle) {
            return String.format(Locale.ROOT, "%s %02d %02d:%02d:%02d %s %s: [%d]: %s: %s%n", MONTHS[t.getMonthValue() - 1],
                    t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(), host, entity, pid, priority.word(),
                    message);
        }
        return String.format(Locale.ROOT, "%s[%d]: %04d/%02d/%02d_%02d:%02d:%02d %s: %s%n", entity, pid, t.getYear(),
                t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(), priority.word(), message);
    }

    /**
     * The datagram glibc's {@code syslog(3)} sends for heartbeat ({@code openlog(entity, LOG_CONS, facility)}
     * then {@code syslog(prio, "[%d]: %s: %s", ...)}): {@code <30>Nov  5 17:58:28 heartbeat: [2709]: info: msg}.
     */
    String syslogDatagram(long epochMillis, int facility, LogPriority priority, String message) {
        ZonedDateTime t = Instant.ofEpochMilli(epochMillis).atZone(zone);
        return String.format(Locale.ROOT, "<%d>%s %2d %02d:%02d:%02d %s: [%d]: %s: %s", facility * 8 + priority.syslog(),
                MONTHS[t.getMonthValue() - 1], t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(), entity, pid,
                priority.word(), message);
    }
}
