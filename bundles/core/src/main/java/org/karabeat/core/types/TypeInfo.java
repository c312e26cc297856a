package org.karabeat.core.types;

import java.util.List;

import org.karabeat.api.ResourceTypeInfo;

/** {@link ResourceTypeInfo} as the type manager builds it. */
record TypeInfo(String type, Kind kind, String provider, long bundleId, String description,
        List<ParameterInfo> parameters, List<String> resources) implements ResourceTypeInfo {

    TypeInfo {
        parameters = List.copyOf(parameters);
        resources = List.copyOf(resources);
    }

    record Parameter(String name, boolean required, String type, String defaultValue, String description)
            implements ParameterInfo {
    }
}
