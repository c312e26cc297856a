package org.karabeat.api;

/**
 * A node's membership state, with the words the classic daemon uses ({@code cl_status nodestatus}).
 */
public enum NodeState {
    /** Nothing heard from this node yet (or no cluster transport is running). */
    UNKNOWN("unknown"),
    /** The node has started and not yet joined. */
    INIT("init"),
    /** The node is sending heartbeats. */
    UP("up"),
    /** The node is a full cluster member. */
    ACTIVE("active"),
    /** The node was declared dead (deadtime expired or it announced its shutdown). */
    DEAD("dead");

    private final String word;

    NodeState(String word) {
        this.word = word;
    }

    /** The classic lower-case word, as printed by {@code cl_status} and in log lines. */
    public String word() {
        return word;
    }
}
