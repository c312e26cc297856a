package org.karabeat.config.legacy;

import java.util.List;
import java.util.Optional;

/** The {@code haresources} file: resource groups in file order. */
public record Haresources(List<ResourceGroup> groups) {

    public Haresources {
        groups = List.copyOf(groups);
    }

    /** The group whose key is {@code key}. */
    public Optional<ResourceGroup> group(String key) {
        return groups.stream().filter(g -> g.key().equals(key)).findFirst();
    }
}
