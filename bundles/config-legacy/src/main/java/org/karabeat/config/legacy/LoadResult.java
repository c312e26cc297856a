package org.karabeat.config.legacy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.karabeat.api.ConfigFinding;

/**
 * What {@link LegacyConfigLoader} found in a directory.
 *
 * @param findings                every error and warning: ha.cf, then authkeys, then haresources, each in
 *                                line order (0, the whole file, first)
 * @param authkeysPermissionError whether authkeys was refused for being accessible by group or others; the
 *                                launcher exits 6 for it, as the classic daemon does
 * @param config                  the configuration, present exactly when there is no error
 */
public record LoadResult(List<ConfigFinding> findings, boolean authkeysPermissionError,
        Optional<LegacyConfig> config) {

    public LoadResult {
        findings = List.copyOf(findings);
        Objects.requireNonNull(config, "config");
        if (config.isPresent() != findings.stream().noneMatch(ConfigFinding::isError)) {
            throw new IllegalArgumentException("a configuration must be given exactly when there is no error");
        }
    }

    /** True when there is no error (warnings allowed). */
    public boolean valid() {
        return config.isPresent();
    }

    public long errorCount() {
        return findings.stream().filter(ConfigFinding::isError).count();
    }

    public long warningCount() {
        return findings.size() - errorCount();
    }
}
