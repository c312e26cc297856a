package org.karabeat.config.legacy;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.karabeat.api.ConfigFinding;

/**
 * Where {@link ConfigLocator} found the configuration.
 *
 * @param directory   the chosen directory; empty when none could be chosen
 * @param description one line for the log: which directory and why, or why none
 * @param findings    the errors when no directory could be chosen; empty otherwise
 */
public record ConfigLocation(Optional<Path> directory, String description, List<ConfigFinding> findings) {

    public ConfigLocation {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(description, "description");
        findings = List.copyOf(findings);
    }

    public boolean found() {
        return directory.isPresent();
    }
}
