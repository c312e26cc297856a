package org.karabeat.api;

import java.util.List;

/** The outcome of {@link ConfigVerifier#verify}: all findings for one directory. */
public final class VerificationReport {

    private final String directory;
    private final List<ConfigFinding> findings;

    public VerificationReport(String directory, List<ConfigFinding> findings) {
        this.directory = directory;
        this.findings = List.copyOf(findings);
    }

    /** The directory that was checked. */
    public String directory() {
        return directory;
    }

    /** Errors and warnings, in the order the files were read. */
    public List<ConfigFinding> findings() {
        return findings;
    }

    /** True when there is no error (warnings allowed). */
    public boolean valid() {
        return findings.stream().noneMatch(ConfigFinding::isError);
    }

    public long errorCount() {
        return findings.stream().filter(ConfigFinding::isError).count();
    }

    public long warningCount() {
        return findings.size() - errorCount();
    }
}
