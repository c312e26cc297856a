package org.karabeat.api;

import java.time.Instant;

import org.osgi.annotation.versioning.ProviderType;

/** Something that happened on this node, delivered to {@link ClusterEventListener}s in order. */
@ProviderType
public interface ClusterEvent {

    /** What kind of event this is. */
    enum Type {
        /** The node loaded its configuration files (at start). */
        CONFIG_LOADED,
        /** A resource or fencing agent for a type became available; {@link #subject()} is the type. */
        AGENT_BOUND,
        /** The agent for a type went away; {@link #subject()} is the type. */
        AGENT_UNBOUND,
        /** A node changed membership state; {@link #subject()} is the node. */
        NODE_STATE_CHANGED,
        /** A link to a peer went up or dead; {@link #subject()} is {@code node:interface}. */
        LINK_STATE_CHANGED,
        /** A resource changed state; {@link #subject()} is the resource spec. */
        RESOURCE_STATE_CHANGED,
        /** The node is stopping. */
        NODE_STOPPING
    }

    Type type();

    /** When it happened (the node's clock). */
    Instant timestamp();

    /** The node or resource or type the event is about. */
    String subject();

    /** A human-readable line, as it would appear in the log. */
    String message();
}
