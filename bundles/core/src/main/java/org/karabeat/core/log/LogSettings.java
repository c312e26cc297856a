package org.karabeat.core.log;

import java.nio.file.Path;
import java.util.Optional;

import org.karabeat.config.legacy.SyslogFacility;

/**
 * Where heartbeat-style log lines go, from {@code ha.cf}: {@code logfile}, {@code debugfile},
 * {@code logfacility} (with {@code use_logd}, which Karabeat honours by logging to syslog itself),
 * {@code syslogmsgfmt} and {@code debug}.
 *
 * @param logfile        every message but debug ones; empty = none ({@code /dev/null} counts as none)
 * @param debugfile      every message, debug ones included; empty = none
 * @param facility       syslog facility number, or -1 for no syslog
 * @param syslogFileFormat true for the 3.0.6 default file format, false for the older classic one
 * @param debugLevel     {@code debug} directive: debug messages are written only when above 0
 * @param syslogSocket   the local syslog socket, normally {@code /dev/log}
 * @param host           the node name written in syslog-style file lines ({@code uname -n})
 */
public record LogSettings(Optional<Path> logfile, Optional<Path> debugfile, int facility, boolean syslogFileFormat,
        int debugLevel, Path syslogSocket, String host) {

    /** Builds settings from the {@code ha.cf} values, mapping {@code /dev/null} and facility names. */
    public static LogSettings of(Optional<String> logfile, Optional<String> debugfile, Optional<String> facility,
            boolean useLogd, boolean syslogFileFormat, int debugLevel, Path syslogSocket, String host) {
        int fac = facility.map(SyslogFacility::number).orElse(-1);
        if (fac < 0 && useLogd) {
            // no logging daemon here: what ha_logd would do with its default logd.cf is syslog, facility daemon
            fac = SyslogFacility.number("daemon");
        }
        return new LogSettings(realFile(logfile), realFile(debugfile), fac, syslogFileFormat, debugLevel, syslogSocket,
                host);
    }

    private static Optional<Path> realFile(Optional<String> name) {
        return name.filter(n -> !n.isBlank() && !n.equalsIgnoreCase("/dev/null")).map(Path::of);
    }
}
