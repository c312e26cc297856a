package org.karabeat.spi.testkit;

/** How one check ended. */
public enum CheckStatus {
    /** The agent did what the contract expects. */
    PASSED,
    /** The agent did something else; the message says what it did and what was expected. */
    FAILED,
    /**
     * The check could not run (an input is missing, or what it needs failed first) or the test skipped it;
     * the message says why. Counts as a failure unless the test skipped it.
     */
    NOT_RUN
}
