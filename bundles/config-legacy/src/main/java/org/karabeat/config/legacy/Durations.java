package org.karabeat.config.legacy;

/** Milliseconds written for people: whole seconds as {@code 10 s}, the rest as {@code 1500 ms}. */
final class Durations {

    private Durations() {
    }

    static String human(long ms) {
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }
}
