package org.karabeat.config.legacy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One accepted {@code stonith} or {@code stonith_host} line that applies to this node. Karabeat keeps all
 * of them in file order (heartbeat keeps only the last). {@link #toString()} never shows the parameters,
 * which usually hold a password.
 *
 * @param line       the {@code ha.cf} line
 * @param kind       which directive
 * @param fromHost   for {@code stonith_host}, the lower-cased node allowed to use the device, or {@code *};
 *                   {@code *} for {@code stonith}
 * @param type       the STONITH plugin type, such as {@code external/ipmi}
 * @param parameters for {@code stonith_host}, the positional parameters; empty for {@code stonith}
 * @param configFile for {@code stonith}, the file holding the parameters
 */
public record StonithDirective(int line, Kind kind, String fromHost, String type, List<String> parameters,
        Optional<String> configFile) {

    /** Which directive declared the device. */
    public enum Kind {
        /** {@code stonith <type> <config-file>} */
        STONITH,
        /** {@code stonith_host <from-node|*> <type> <param> ...} */
        STONITH_HOST
    }

    public StonithDirective {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(fromHost, "fromHost");
        Objects.requireNonNull(type, "type");
        parameters = List.copyOf(parameters);
        Objects.requireNonNull(configFile, "configFile");
    }

    @Override
    public String toString() {
        return "StonithDirective[line=" + line + ", kind=" + kind + ", fromHost=" + fromHost + ", type=" + type
                + ", parameters=<" + parameters.size() + " hidden>, configFile=" + configFile.orElse("-") + "]";
    }
}
