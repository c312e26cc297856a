package org.karabeat.spi;

import java.util.Objects;

/** What an agent operation returned: a {@link ResultCode} and a message for the log. */
public final class AgentResult {

    private static final AgentResult OK = new AgentResult(ResultCode.SUCCESS, "");
    private static final AgentResult STOPPED = new AgentResult(ResultCode.NOT_RUNNING, "");

    private final ResultCode code;
    private final String message;

    private AgentResult(ResultCode code, String message) {
        this.code = Objects.requireNonNull(code, "code");
        this.message = message == null ? "" : message;
    }

    public static AgentResult of(ResultCode code, String message) {
        return new AgentResult(code, message);
    }

    /** Success; for {@code status}/{@code monitor}: running. */
    public static AgentResult success() {
        return OK;
    }

    /** For {@code status}/{@code monitor}: cleanly stopped. */
    public static AgentResult notRunning() {
        return STOPPED;
    }

    public static AgentResult failed(ResultCode code, String message) {
        if (code == ResultCode.SUCCESS || code == ResultCode.NOT_RUNNING) {
            throw new IllegalArgumentException("not a failure: " + code);
        }
        return new AgentResult(code, message);
    }

    public ResultCode code() {
        return code;
    }

    /** The agent's explanation (may be empty); never contains secrets. */
    public String message() {
        return message;
    }

    public boolean isSuccess() {
        return code == ResultCode.SUCCESS;
    }

    /** For {@code status}/{@code monitor}: true when running. */
    public boolean isRunning() {
        return code == ResultCode.SUCCESS;
    }

    @Override
    public String toString() {
        return message.isEmpty() ? code.name() : code + ": " + message;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AgentResult && ((AgentResult) o).code == code && ((AgentResult) o).message.equals(message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(code, message);
    }
}
