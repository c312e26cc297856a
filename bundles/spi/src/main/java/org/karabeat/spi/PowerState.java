package org.karabeat.spi;

/** The power state of a fencing target as the device reports it. */
public enum PowerState {
    ON,
    OFF,
    /** The device did not say (unreachable, timed out, or the plug is unknown to it). */
    UNKNOWN
}
