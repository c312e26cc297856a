package org.karabeat.spi.testkit;

/** One named check of the kit: {@link ResourceCheck} or {@link FencingCheck}. */
public interface Check {

    /** The check's stable name, as printed in reports ({@code start.idempotent}). */
    String id();

    /** What the contract expects of the agent, in one sentence. */
    String expectation();
}
