package org.karabeat.api;

import java.util.Objects;

/**
 * One problem found in a configuration file: which file and line, which directive, and what is wrong.
 * Its {@link #toString()} is the line printed to administrators:
 * {@code /etc/ha.d/ha.cf:7: ERROR: deadtime: ...}.
 */
public final class ConfigFinding {

    /** How serious a finding is. */
    public enum Severity {
        /** The node refuses to start with this configuration. */
        ERROR,
        /** The node starts; something is ignored, unusual or only partly supported. */
        WARNING
    }

    private final Severity severity;
    private final String file;
    private final int line;
    private final String directive;
    private final String message;

    /**
     * @param severity  error or warning
     * @param file      the file's path as given to the parser
     * @param line      1-based line number; 0 when the finding concerns the file as a whole
     * @param directive the directive or keyword concerned; empty when none applies
     * @param message   what is wrong and, where possible, what to do
     */
    public ConfigFinding(Severity severity, String file, int line, String directive, String message) {
        this.severity = Objects.requireNonNull(severity, "severity");
        this.file = Objects.requireNonNull(file, "file");
        this.line = line;
        this.directive = directive == null ? "" : directive;
        this.message = Objects.requireNonNull(message, "message");
    }

    public Severity severity() {
        return severity;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String directive() {
        return directive;
    }

    public String message() {
        return message;
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code file:line: SEVERITY: directive: message}; the line and directive parts are left out when absent. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(':').append(line);
        }
        sb.append(": ").append(severity).append(": ");
        if (!directive.isEmpty()) {
            sb.append(directive).append(": ");
        }
        return sb.append(message).toString();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ConfigFinding)) {
            return false;
        }
        ConfigFinding f = (ConfigFinding) o;
        return severity == f.severity && line == f.line && file.equals(f.file) && directive.equals(f.directive)
                && message.equals(f.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(severity, file, line, directive, message);
    }
}
