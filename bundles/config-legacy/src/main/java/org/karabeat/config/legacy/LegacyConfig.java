package org.karabeat.config.legacy;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A valid classic configuration directory.
 *
 * @param directory the directory the three files were read from
 */
public record LegacyConfig(Path directory, HaCf haCf, AuthKeys authKeys, Haresources haresources) {

    public LegacyConfig {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(haCf, "haCf");
        Objects.requireNonNull(authKeys, "authKeys");
        Objects.requireNonNull(haresources, "haresources");
    }
}
