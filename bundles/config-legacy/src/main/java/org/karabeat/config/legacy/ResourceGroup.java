package org.karabeat.config.legacy;

import java.util.List;
import java.util.Objects;

/**
 * One {@code haresources} line: the preferred node and its resources, started left to right and stopped
 * right to left.
 *
 * @param preferredNode the lower-cased node name that owns the group by default
 * @param resources     at least one resource
 * @param line          the line the group starts on
 */
public record ResourceGroup(String preferredNode, List<ResourceSpec> resources, int line) {

    public ResourceGroup {
        Objects.requireNonNull(preferredNode, "preferredNode");
        resources = List.copyOf(resources);
        if (resources.isEmpty()) {
            throw new IllegalArgumentException("a resource group needs at least one resource");
        }
    }

    /** The group's name: its first resource's spec, unique in the file, as in heartbeat. */
    public String key() {
        return resources.get(0).spec();
    }
}
