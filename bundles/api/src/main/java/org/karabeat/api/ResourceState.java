package org.karabeat.api;

/** What this node knows of one resource. */
public enum ResourceState {
    /** Not yet probed: no resource manager has looked at it. */
    UNKNOWN,
    /** Stopped on this node. */
    STOPPED,
    /** A start is running. */
    STARTING,
    /** Running on this node. */
    RUNNING,
    /** A stop is running. */
    STOPPING,
    /** The last operation failed; the resource is in an unknown state until cleaned up. */
    FAILED
}
