package org.karabeat.spi.testkit;

/**
 * The checks {@link FencingAgentKit} runs, in the order it runs them: fence-agents' {@code fence_action}
 * semantics (success means the device confirmed the power state) plus what the node needs of an agent
 * running inside it.
 */
public enum FencingCheck implements Check {
    META_DATA_PRESENT("meta-data.present",
            "metaData(type) returns the agent's fence-agents meta-data XML, without throwing"),
    META_DATA_WELL_FORMED("meta-data.well-formed",
            "the meta-data is well-formed XML without a DOCTYPE (the node parses it with DTDs off)"),
    META_DATA_FENCE_SHAPE("meta-data.fence-shape",
            "<resource-agent name=...> with <parameters> of named <parameter>s and <actions> listing on, off,"
                    + " reboot and status"),
    STATUS_REPORTS_PLUG("status.reports-plug",
            "status of the plug returns SUCCESS with ON or OFF"),
    OFF_VERIFIED("off.verified",
            "off returns SUCCESS, verified, OFF, and status afterwards says OFF"),
    OFF_ALREADY_OFF("off.already-off",
            "off of a plug that is off returns SUCCESS, verified, OFF (\"Already OFF\")"),
    ON_VERIFIED("on.verified",
            "on returns SUCCESS, verified, ON, and status afterwards says ON"),
    REBOOT_VERIFIED("reboot.verified",
            "reboot returns SUCCESS, verified, and status afterwards says ON"),
    LIST_CONTAINS_PLUG("list.contains-plug",
            "list returns the plugs the device knows, the tested plug among them"),
    UNKNOWN_PLUG_NOT_SUCCESS("unknown-plug.not-success",
            "status and off of a plug the device does not know are not a SUCCESS"),
    WITHIN_TIMEOUT("operations.within-timeout",
            "every call returns within the request's timeout"),
    NO_THREAD_LEFT("operations.no-thread-left",
            "no call leaves a thread or a child process running after it returned");

    private final String id;
    private final String expectation;

    FencingCheck(String id, String expectation) {
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
