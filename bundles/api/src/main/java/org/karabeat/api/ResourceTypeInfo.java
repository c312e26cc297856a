package org.karabeat.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** A resource or fencing type that an agent provides on this node. */
@ProviderType
public interface ResourceTypeInfo {

    /** What kind of agent provides it. */
    enum Kind {
        RESOURCE,
        FENCING
    }

    /** The type name, as written in {@code haresources} (or in a {@code stonith_host} line). */
    String type();

    Kind kind();

    /** The bundle providing the agent, as {@code symbolic-name/version}. */
    String provider();

    /** The OSGi bundle id of the provider. */
    long bundleId();

    /** The one-line description from the agent's meta-data, empty when it gives none. */
    String description();

    /** The parameters from the agent's meta-data, in order (positional {@code ::} arguments map onto them). */
    List<ParameterInfo> parameters();

    /** The {@code haresources} resources of this type. */
    List<String> resources();

    /** One parameter of an agent's meta-data. */
    @ProviderType
    interface ParameterInfo {
        String name();

        boolean required();

        /** The content type (string, integer, boolean, ...). */
        String type();

        /** The default value, empty when none. */
        String defaultValue();

        String description();
    }
}
