package org.karabeat.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** One {@code haresources} line: a preferred node and resources started left to right. */
@ProviderType
public interface ResourceGroupStatus {

    /**
     * The group key, as the classic daemon names a group on the wire and in its logs: the first
     * resource's spec (e.g. {@code IPaddr::192.0.2.200/24/ens160:0}).
     */
    String key();

    /** The node that owns the group by default (the first word of the line). */
    String preferredNode();

    /** The resources, in start order. */
    List<ResourceStatus> resources();

    /** Where the group is defined, as {@code file:line}. */
    String source();
}
