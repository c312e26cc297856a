package org.karabeat.api;

/** A link's state, with the words of {@code cl_status ifstatus}. */
public enum LinkState {
    /** Nothing heard on this link yet. */
    INIT("init"),
    /** Messages from the peer arrive on this link. */
    UP("up"),
    /** Nothing arrived on this link for the peer's deadtime. */
    DEAD("dead");

    private final String word;

    LinkState(String word) {
        this.word = word;
    }

    /** The classic lower-case word. */
    public String word() {
        return word;
    }
}
