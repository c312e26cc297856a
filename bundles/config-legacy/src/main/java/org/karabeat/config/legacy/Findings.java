package org.karabeat.config.legacy;

import java.util.List;

import org.karabeat.api.ConfigFinding;
import org.karabeat.api.ConfigFinding.Severity;

/** Collects the findings about one file. */
final class Findings {

    private final String file;
    private final List<ConfigFinding> sink;
    private int errors;

    Findings(String file, List<ConfigFinding> sink) {
        this.file = file;
        this.sink = sink;
    }

    String file() {
        return file;
    }

    void error(int line, String directive, String message) {
        errors++;
        add(new ConfigFinding(Severity.ERROR, file, line, directive, message));
    }

    /** Errors reported through this collector so far. */
    int errorCount() {
        return errors;
    }

    void warning(int line, String directive, String message) {
        add(new ConfigFinding(Severity.WARNING, file, line, directive, message));
    }

    /** The same finding twice (two bad words on one line, say) is shown once. */
    private void add(ConfigFinding finding) {
        if (!sink.contains(finding)) {
            sink.add(finding);
        }
    }
}
