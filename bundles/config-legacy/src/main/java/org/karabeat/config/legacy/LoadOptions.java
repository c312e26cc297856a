package org.karabeat.config.legacy;

import java.util.Objects;

/**
 * How {@link LegacyConfigLoader} checks a directory.
 *
 * @param hostChecks also check the files against this host: interfaces named by media and IPaddr exist,
 *                   ucast peers are not this host's own addresses, host names resolve
 * @param hostInfo   where host facts come from
 */
public record LoadOptions(boolean hostChecks, HostInfo hostInfo) {

    public LoadOptions {
        Objects.requireNonNull(hostInfo, "hostInfo");
    }

    /** No host checks; host facts from this host. */
    public static LoadOptions defaults() {
        return new LoadOptions(false, new SystemHostInfo());
    }

    /** The same options with host checks on or off. */
    public LoadOptions withHostChecks(boolean enabled) {
        return new LoadOptions(enabled, hostInfo);
    }

    /** The same options with another source of host facts. */
    public LoadOptions withHostInfo(HostInfo info) {
        return new LoadOptions(hostChecks, info);
    }
}
