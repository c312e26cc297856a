package org.karabeat.spi;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Drives one kind of power-control device (IPMI BMC, libvirt, a switched PDU, ...).
 * <p>
 * Register as an OSGi service with the property {@value #TYPE} set to the fencing type name(s) handled
 * ({@code external/ipmi}, {@code fence_virsh}). An agent supplies primitives only; the node owns the
 * fencing algorithm (delays, retries, levels). {@code off}, {@code on} and {@code reboot} read the
 * power state back from the device before returning and say so with {@link FenceResult#verified()};
 * a result that is not verified never lets the node take over the target's resources.
 * <p>
 * Calls block; the caller interrupts the thread at {@link FenceRequest#timeout()}. Never log or return a
 * password.
 */
@ConsumerType
public interface FencingAgent {

    /** Service property ({@code String} or {@code String[]}): the fencing type name(s) handled. */
    String TYPE = "karabeat.fencing.type";

    /** Reads the target's power state. */
    FenceResult status(FenceRequest request) throws InterruptedException;

    /** Powers the target off and reads the state back. Already off is a success. */
    FenceResult off(FenceRequest request) throws InterruptedException;

    /** Powers the target on and reads the state back. */
    FenceResult on(FenceRequest request) throws InterruptedException;

    /** Power-cycles the target: a verified off, then on. Verified means the off was confirmed. */
    FenceResult reboot(FenceRequest request) throws InterruptedException;

    /** The plugs (nodes, domains, outlets) the device knows, for {@code list}. */
    List<String> list(FenceRequest request) throws InterruptedException;

    /** Meta-data XML in the fence-agents format, describing the device parameters. */
    String metaData(String type);
}
