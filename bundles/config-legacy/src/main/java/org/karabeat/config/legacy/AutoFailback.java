package org.karabeat.config.legacy;

/** The {@code auto_failback} setting of {@code ha.cf}. */
public enum AutoFailback {
    /** Resources go back to their preferred node when it returns. */
    ON,
    /** Resources stay where they are when their preferred node returns. */
    OFF,
    /** heartbeat's pre-1.2 behaviour and its default; deprecated. */
    LEGACY
}
