package org.karabeat.core.log;

import org.slf4j.Logger;
import org.slf4j.MDC;

/** Heartbeat has priorities SLF4J lacks ({@code CRIT}); this sends them through the MDC. */
public final class HbLog {

    private HbLog() {
    }

    /** Logs at ERROR level, written as {@code CRIT:} in the heartbeat log, like the classic daemon's critical lines. */
    public static void crit(Logger log, String format, Object... args) {
        try (MDC.MDCCloseable ignored = MDC.putCloseable(HeartbeatLogAppender.PRIORITY_MDC, "crit")) {
            log.error(format, args);
        }
    }
}
