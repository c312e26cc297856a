package org.karabeat.spi.testkit;

/**
 * The checks {@link ResourceAgentKit} runs, in the order it runs them: the {@code ocf-tester} script
 * (meta-data, validate, probe, start, start again, stop, stop again) plus what the node needs of an agent
 * running inside it (timeouts, interruption, no threads or processes left behind).
 */
public enum ResourceCheck implements Check {
    META_DATA_PRESENT("meta-data.present",
            "metaData(type) returns the agent's OCF meta-data XML, without throwing"),
    META_DATA_WELL_FORMED("meta-data.well-formed",
            "the meta-data is well-formed XML without a DOCTYPE (the node parses it with DTDs off)"),
    META_DATA_OCF_SHAPE("meta-data.ocf-shape",
            "<resource-agent name=...> with <parameters> of named <parameter>s and <actions> listing start, stop,"
                    + " monitor or status, and meta-data, each with a timeout the node understands (20, 20s, 500ms, 2m)"),
    VALIDATE_ACCEPTS_VALID("validate.accepts-valid",
            "validate returns SUCCESS for the valid parameters"),
    VALIDATE_REJECTS_INVALID("validate.rejects-invalid",
            "validate rejects the invalid parameters with ERR_CONFIGURED, ERR_ARGS, ERR_INSTALLED or ERR_PERM"),
    STOPPED_BEFORE_START("probe.stopped-before-start",
            "status and monitor of a resource that was never started return NOT_RUNNING"),
    START_SUCCEEDS("start.succeeds",
            "start returns SUCCESS"),
    RUNNING_AFTER_START("monitor.running-after-start",
            "status and monitor return SUCCESS (running) right after start returned SUCCESS"),
    START_IDEMPOTENT("start.idempotent",
            "start of a running resource returns SUCCESS and the resource is still running"),
    STOP_SUCCEEDS("stop.succeeds",
            "stop of a running resource returns SUCCESS"),
    STOPPED_AFTER_STOP("monitor.stopped-after-stop",
            "status and monitor return NOT_RUNNING after stop returned SUCCESS"),
    STOP_IDEMPOTENT("stop.idempotent",
            "stop of a stopped resource returns SUCCESS (a failed stop gets the node fenced)"),
    INTERRUPT_HONOURED("timeout.interrupt-honoured",
            "an operation interrupted at its timeout returns or throws InterruptedException within 1 s"),
    WITHIN_TIMEOUT("operations.within-timeout",
            "every operation returns within the request's timeout"),
    NO_THREAD_LEFT("operations.no-thread-left",
            "no operation leaves a thread or a child process running after it returned");

    private final String id;
    private final String expectation;

    ResourceCheck(String id, String expectation) {
        this.id = id;
        this.expectation = expectation;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String expectation() {
        return expectation;
    }

    @Override
    public String toString() {
        return id;
    }
}
