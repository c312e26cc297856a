package org.karabeat.transport.wire;

/** The two encodings of a heartbeat message on the wire. */
public enum WireForm {
    /** {@code ###\n <len>:(<type>)<name>=<value>, ... %%%\n <len>:<index> <digest>,}: what heartbeat 3.0.6 sends. */
    NETSTRING,
    /** {@code >>>\n <name>=<value>\n ... <<<\n} with an {@code auth} field: older heartbeat; 3.0.6 still accepts it. */
    CLASSIC
}
