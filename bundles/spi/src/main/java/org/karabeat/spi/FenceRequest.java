package org.karabeat.spi;

import java.time.Duration;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/** One call to a {@link FencingAgent}: which device, which target, how long it may take. */
@ProviderType
public interface FenceRequest {

    /** The fencing type, e.g. {@code external/ipmi} or {@code fence_virsh}. */
    String type();

    /** The device parameters (address, user, password, ...), named as in the agent's meta-data. */
    Map<String, String> parameters();

    /** The node or plug to act on (a host name, a libvirt domain, an outlet); empty for {@code list}. */
    String plug();

    /** How long the call may take before the caller interrupts it. */
    Duration timeout();
}
