package org.karabeat.api;

import java.time.Duration;

import org.osgi.annotation.versioning.ProviderType;

/** What one resource operation did. */
@ProviderType
public interface OperationResult {

    /** The resource spec, as in {@code haresources}. */
    String resource();

    ResourceOperation operation();

    /**
     * The agent's answer as an OCF result name: {@code SUCCESS}, {@code NOT_RUNNING}, {@code ERR_GENERIC},
     * {@code ERR_CONFIGURED}, ..., or {@code TIMEOUT} when the node interrupted it, {@code TYPE_MISSING} when no
     * agent handled the type in time.
     */
    String code();

    /** The agent's explanation, may be empty. */
    String message();

    /** True when the operation did what was asked (for status/monitor: an answer, running or not). */
    boolean succeeded();

    /** The resource's state after the operation. */
    ResourceState state();

    /** How long it took. */
    Duration duration();
}
