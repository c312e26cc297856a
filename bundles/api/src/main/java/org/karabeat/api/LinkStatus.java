package org.karabeat.api;

import java.time.Instant;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One link to a peer: one medium of {@code ha.cf} ({@code ucast}, {@code bcast}, {@code mcast}) as seen
 * from this node. Links are named by interface, as the classic daemon names them ({@code Link hb2:eth0 up.}).
 */
@ProviderType
public interface LinkStatus {

    /** The interface name of the medium, e.g. {@code eth0}. */
    String name();

    /** {@code up}, {@code dead}, or {@code init} before anything was heard on this link. */
    LinkState state();

    /** When a message from the peer last arrived on this link; empty if never. */
    Optional<Instant> lastHeard();
}
