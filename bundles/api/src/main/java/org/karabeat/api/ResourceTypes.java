package org.karabeat.api;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The agent types of this node, and loading or unloading them without restarting the node or the cluster.
 * Backs {@code hb:resource-types}, {@code hb:load-type} and {@code hb:unload-type}.
 */
@ProviderType
public interface ResourceTypes {

    /** Every resource and fencing type an agent provides now, sorted by kind and name. */
    List<ResourceTypeInfo> types();

    /** One type, with its parameters. */
    Optional<ResourceTypeInfo> describe(String type);

    /**
     * Installs an agent into the running node: a bundle ({@code mvn:...}, {@code file:...}, {@code http(s):...})
     * or a feature by name ({@code name} or {@code name/version}). A bundle whose symbolic name is already
     * installed is updated in place; the core keeps its resource states. Waits until the new agent's types
     * are bound (bounded).
     *
     * @return what changed, in words for the operator
     * @throws IllegalArgumentException when the location cannot be installed, with the reason
     */
    String load(String location);

    /**
     * Removes the agent providing {@code type}: the feature it came with, the file it was deployed from, or
     * the bundle. Refuses while a resource of any type of that agent is started on this node, naming them,
     * unless {@code force}, which stops those resources first (and refuses if a stop fails).
     *
     * @return what changed, in words for the operator
     * @throws IllegalStateException when refused, with the resources that block it
     * @throws IllegalArgumentException when no agent provides the type
     */
    String unload(String type, boolean force);
}
