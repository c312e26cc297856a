package org.karabeat.spi.testkit;

import java.util.Objects;

/** How one check of a {@link KitReport} ended, and what the agent did. */
public final class CheckResult {

    private final Check check;
    private final CheckStatus status;
    private final String message;
    private final boolean skipped;

    CheckResult(Check check, CheckStatus status, String message, boolean skipped) {
        this.check = Objects.requireNonNull(check, "check");
        this.status = Objects.requireNonNull(status, "status");
        this.message = message == null ? "" : message;
        this.skipped = skipped;
    }

    public Check check() {
        return check;
    }

    /** The check's name, e.g. {@code start.idempotent}. */
    public String name() {
        return check.id();
    }

    public CheckStatus status() {
        return status;
    }

    /**
     * For a failure: what was expected and what the agent did ("start of a running resource must succeed
     * (idempotent); the agent returned ERR_GENERIC: already running"). For a pass: what the agent did. For
     * a check that did not run: why.
     */
    public String message() {
        return message;
    }

    /** True when the test skipped this check by name (then it is {@link CheckStatus#NOT_RUN} and not a failure). */
    public boolean skipped() {
        return skipped;
    }

    /** True for {@link CheckStatus#PASSED} and for a check the test skipped. */
    public boolean acceptable() {
        return status == CheckStatus.PASSED || skipped;
    }

    @Override
    public String toString() {
        return String.format("%-8s %s: %s", skipped ? "SKIPPED" : status.name(), name(), message);
    }
}
