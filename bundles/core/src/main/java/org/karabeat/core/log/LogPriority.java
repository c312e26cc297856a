package org.karabeat.core.log;

/**
 * Syslog priorities with the words heartbeat's logging library (cluster-glue {@code prio2str}) writes
 * in front of every message: administrators grep for {@code ERROR:}, {@code WARN:}, {@code info:}.
 */
enum LogPriority {
    EMERG(0, "EMERG"),
    ALERT(1, "ALERT"),
    CRIT(2, "CRIT"),
    ERROR(3, "ERROR"),
    WARN(4, "WARN"),
    NOTICE(5, "notice"),
    INFO(6, "info"),
    DEBUG(7, "debug");

    private final int syslog;
    private final String word;

    LogPriority(int syslog, String word) {
        this.syslog = syslog;
        this.word = word;
    }

    int syslog() {
        return syslog;
    }

    String word() {
        return word;
    }

    static LogPriority ofSyslog(int value) {
        for (LogPriority p : values()) {
            if (p.syslog == value) {
                return p;
            }
        }
        return value < 0 ? EMERG : DEBUG;
    }

    /** Accepts the heartbeat word in any case, e.g. {@code crit}. */
    static LogPriority ofWord(String word) {
        for (LogPriority p : values()) {
            if (p.word.equalsIgnoreCase(word)) {
                return p;
            }
        }
        return null;
    }
}
