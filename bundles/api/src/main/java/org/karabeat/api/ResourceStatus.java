package org.karabeat.api;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** One resource of a {@code haresources} group, with the agent bound to its type. */
@ProviderType
public interface ResourceStatus {

    /** The resource as written in {@code haresources}, e.g. {@code IPaddr::192.0.2.200/24/ens160:0}. */
    String spec();

    /** The resource type, the part before the first {@code ::} (e.g. {@code IPaddr}, {@code apache2}). */
    String type();

    /** The {@code ::}-separated arguments after the type, in order; empty for a bare word. */
    List<String> arguments();

    /**
     * The agent that handles this type on this node, as {@code bundle-symbolic-name/version}, or empty
     * when no agent claims the type ("type missing"). A missing type is reported, never skipped.
     */
    Optional<String> agent();

    /** This node's view of the resource. */
    ResourceState state();
}
