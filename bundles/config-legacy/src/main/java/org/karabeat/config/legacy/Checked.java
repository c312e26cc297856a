package org.karabeat.config.legacy;

/**
 * The outcome of reading one value: the value, or why it is wrong; a value may carry a note on how it was
 * read when the spelling is unusual.
 */
record Checked<T>(T value, String error, String note) {

    static <T> Checked<T> ok(T value) {
        return new Checked<>(value, null, null);
    }

    static <T> Checked<T> okWithNote(T value, String note) {
        return new Checked<>(value, null, note);
    }

    static <T> Checked<T> bad(String error) {
        return new Checked<>(null, error, null);
    }

    boolean isOk() {
        return error == null;
    }

    boolean hasNote() {
        return note != null;
    }
}
