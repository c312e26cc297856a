package org.karabeat.core.resources;

import java.time.Duration;

import org.karabeat.api.OperationResult;
import org.karabeat.api.ResourceOperation;
import org.karabeat.api.ResourceState;
import org.karabeat.spi.AgentResult;
import org.karabeat.spi.ResultCode;

/** The result of one operation, with the state it leaves the resource in. */
public record Outcome(String resource, ResourceOperation operation, String code, String message, boolean succeeded,
        ResourceState state, Duration duration) implements OperationResult {

    /** The code used when no agent handles the type within the operation's timeout. */
    public static final String TYPE_MISSING = "TYPE_MISSING";

    /** Interprets what an agent returned for {@code op}. {@code before} is the state when nothing changes. */
    static Outcome of(String resource, ResourceOperation op, AgentResult r, ResourceState before, Duration took) {
        ResultCode c = r.code();
        ResourceState state;
        boolean ok;
        switch (op) {
            case START:
                ok = c == ResultCode.SUCCESS;
                state = ok ? ResourceState.RUNNING : ResourceState.FAILED;
                break;
            case STOP:
                ok = c == ResultCode.SUCCESS;
                state = ok ? ResourceState.STOPPED : ResourceState.FAILED;
                break;
            case STATUS:
            case MONITOR:
                ok = c == ResultCode.SUCCESS || c == ResultCode.NOT_RUNNING;
                state = c == ResultCode.SUCCESS ? ResourceState.RUNNING
                        : c == ResultCode.NOT_RUNNING ? ResourceState.STOPPED : ResourceState.FAILED;
                break;
            default:
                ok = c == ResultCode.SUCCESS;
                state = before;
                break;
        }
        return new Outcome(resource, op, c.name(), r.message(), ok, state, took);
    }

    /** The node interrupted the operation at its timeout: the resource's state is unknown, so failed. */
    static Outcome timeout(String resource, ResourceOperation op, ResourceState before, Duration limit) {
        ResourceState state = op == ResourceOperation.VALIDATE ? before : ResourceState.FAILED;
        return new Outcome(resource, op, ResultCode.TIMEOUT.name(), "did not finish within " + limit.toMillis() + " ms",
                false, state, limit);
    }

    static Outcome typeMissing(String resource, ResourceOperation op, String type, ResourceState before, Duration waited) {
        return new Outcome(resource, op, TYPE_MISSING, "no agent handles type " + type + " (waited "
                + waited.toMillis() + " ms)", false, before, waited);
    }

    static Outcome crashed(String resource, ResourceOperation op, Throwable t, ResourceState before, Duration took) {
        ResourceState state = op == ResourceOperation.VALIDATE ? before : ResourceState.FAILED;
        return new Outcome(resource, op, ResultCode.ERR_GENERIC.name(), "the agent threw " + t, false, state, took);
    }
}
