package org.karabeat.api;

/** An operation on one resource, as the node runs it through the resource's agent. */
public enum ResourceOperation {
    START,
    STOP,
    /** Classic status probe: is it running here? */
    STATUS,
    /** Health check of a running resource. */
    MONITOR,
    /** Check the arguments and the installation, changing nothing. */
    VALIDATE
}
