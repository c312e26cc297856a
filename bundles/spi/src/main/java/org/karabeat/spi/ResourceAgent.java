package org.karabeat.spi;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Starts, stops and checks resources of one or more types.
 * <p>
 * Register as an OSGi service with the property {@value #TYPE} set to the type name(s) this agent
 * handles, as written first in a {@code haresources} resource ({@code IPaddr} for
 * {@code IPaddr::192.0.2.10/24/eth0}). When two agents claim a type, the higher
 * {@code service.ranking} wins.
 * <p>
 * Contract (the one of OCF resource agents and LSB init scripts):
 * <ul>
 * <li>{@code start} of a running resource and {@code stop} of a stopped one succeed
 * ({@link ResultCode#SUCCESS}): the node relies on it, and a failed stop leads to fencing.</li>
 * <li>{@code status} and {@code monitor} answer {@link ResultCode#SUCCESS} when running,
 * {@link ResultCode#NOT_RUNNING} when cleanly stopped, and an error code when failed.</li>
 * <li>Operations block until done. The caller enforces {@link ResourceRequest#timeout()}: it interrupts
 * the calling thread at the deadline, so an agent that waits must respond to interruption and must not
 * leave threads or processes behind.</li>
 * <li>An agent keeps no state about a resource between calls other than on the system itself
 * (a process, an address, a file): the node may restart or another agent version may take over.</li>
 * </ul>
 */
@ConsumerType
public interface ResourceAgent {

    /** Service property ({@code String} or {@code String[]}): the resource type name(s) handled. */
    String TYPE = "karabeat.resource.type";

    /** Starts the resource; succeeds if it already runs. */
    AgentResult start(ResourceRequest request) throws InterruptedException;

    /** Stops the resource; succeeds if it is already stopped. */
    AgentResult stop(ResourceRequest request) throws InterruptedException;

    /** Classic status probe: is the resource running here? (LSB {@code status}.) */
    AgentResult status(ResourceRequest request) throws InterruptedException;

    /**
     * Health check of a running resource; may go deeper than {@link #status} (OCF {@code monitor}).
     * The default is {@link #status}.
     */
    default AgentResult monitor(ResourceRequest request) throws InterruptedException {
        return status(request);
    }

    /**
     * Checks the arguments and the local installation without changing anything: answers
     * {@link ResultCode#ERR_CONFIGURED} for bad arguments, {@link ResultCode#ERR_INSTALLED} when
     * something the resource needs is missing.
     */
    AgentResult validate(ResourceRequest request) throws InterruptedException;

    /**
     * OCF meta-data XML describing {@code type} (its parameters, in {@code haresources} argument order,
     * and its actions with default timeouts). Must be well-formed and must not touch the system.
     */
    String metaData(String type);
}
