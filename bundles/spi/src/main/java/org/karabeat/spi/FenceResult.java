package org.karabeat.spi;

import java.util.Objects;

/**
 * The outcome of a fencing call. Success is only what the device confirmed: {@link #verified()} is true
 * when the agent read the power state back from the device after acting and it matched.
 */
public final class FenceResult {

    /** How the call ended. */
    public enum Outcome {
        /** The device did what was asked. */
        SUCCESS,
        /** The device refused or reported an error. */
        FAILED,
        /** Could not log in to the device. */
        LOGIN_DENIED,
        /** Could not reach the device. */
        CONNECTION_FAILED,
        /** The device did not answer in time, or the state never matched. */
        TIMEOUT,
        /** The plug is unknown to the device. */
        NO_SUCH_PLUG
    }

    private final Outcome outcome;
    private final PowerState powerState;
    private final boolean verified;
    private final String message;

    private FenceResult(Outcome outcome, PowerState powerState, boolean verified, String message) {
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        this.powerState = Objects.requireNonNull(powerState, "powerState");
        this.verified = verified;
        this.message = message == null ? "" : message;
    }

    /** The device acted and a status read afterwards showed {@code state}. */
    public static FenceResult verified(PowerState state, String message) {
        return new FenceResult(Outcome.SUCCESS, state, true, message);
    }

    /** The device accepted the command but the state was not read back. Never counts as fenced. */
    public static FenceResult unverified(PowerState state, String message) {
        return new FenceResult(Outcome.SUCCESS, state, false, message);
    }

    public static FenceResult failed(Outcome outcome, String message) {
        if (outcome == Outcome.SUCCESS) {
            throw new IllegalArgumentException("not a failure: " + outcome);
        }
        return new FenceResult(outcome, PowerState.UNKNOWN, false, message);
    }

    public Outcome outcome() {
        return outcome;
    }

    /** The power state reported by the device, {@link PowerState#UNKNOWN} when it said nothing. */
    public PowerState powerState() {
        return powerState;
    }

    /** True when the power state was read back from the device after the action and matched. */
    public boolean verified() {
        return verified;
    }

    /** The agent's explanation; never contains passwords. */
    public String message() {
        return message;
    }

    /** True only for a verified {@link PowerState#OFF}: the one result that allows taking over. */
    public boolean confirmedOff() {
        return outcome == Outcome.SUCCESS && verified && powerState == PowerState.OFF;
    }

    @Override
    public String toString() {
        return outcome + " " + powerState + (verified ? " (verified)" : " (not verified)")
                + (message.isEmpty() ? "" : ": " + message);
    }
}
