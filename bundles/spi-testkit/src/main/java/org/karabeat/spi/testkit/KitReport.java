package org.karabeat.spi.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one run of a kit: every check, in the order the kit runs them, each {@link
 * CheckStatus#PASSED PASSED}, {@link CheckStatus#FAILED FAILED} or {@link CheckStatus#NOT_RUN NOT_RUN}
 * with a message.
 */
public final class KitReport {

    private final String subject;
    private final List<CheckResult> results;

    KitReport(String subject, List<CheckResult> results) {
        this.subject = Objects.requireNonNull(subject, "subject");
        this.results = Collections.unmodifiableList(new ArrayList<>(results));
    }

    /** What was tested, e.g. {@code resource agent Dummy (org.example.DummyAgent)}. */
    public String subject() {
        return subject;
    }

    /** Every check of the kit, in the order they ran. */
    public List<CheckResult> results() {
        return results;
    }

    /** The result of {@code check}. */
    public CheckResult result(Check check) {
        for (CheckResult r : results) {
            if (r.check().equals(check)) {
                return r;
            }
        }
        throw new IllegalArgumentException("check '" + check.id() + "' is not part of this report");
    }

    /** The result of the check named {@code name} ({@code start.idempotent}). */
    public CheckResult result(String name) {
        for (CheckResult r : results) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException("no check named '" + name + "' in this report");
    }

    /** The checks that failed and those that did not run without the test skipping them. */
    public List<CheckResult> problems() {
        List<CheckResult> out = new ArrayList<>();
        for (CheckResult r : results) {
            if (!r.acceptable()) {
                out.add(r);
            }
        }
        return out;
    }

    /** True when every check passed or was skipped by the test. */
    public boolean passed() {
        return problems().isEmpty();
    }

    /**
     * Throws an {@link AssertionError} listing every check that failed or did not run (unless skipped by
     * the test), each with its message.
     */
    public void assertPassed() {
        List<CheckResult> problems = problems();
        if (problems.isEmpty()) {
            return;
        }
        long failed = problems.stream().filter(r -> r.status() == CheckStatus.FAILED).count();
        StringBuilder b = new StringBuilder();
        b.append(subject).append(" does not pass the conformance kit: ")
                .append(failed).append(failed == 1 ? " check failed" : " checks failed");
        if (problems.size() > failed) {
            b.append(", ").append(problems.size() - failed).append(" did not run");
        }
        b.append(" (of ").append(results.size()).append(')');
        for (CheckResult r : problems) {
            b.append(System.lineSeparator()).append("  ").append(r);
        }
        throw new AssertionError(b.toString());
    }

    /** The whole report, one line per check. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(subject).append(passed() ? ": passed" : ": NOT passed");
        for (CheckResult r : results) {
            b.append(System.lineSeparator()).append("  ").append(r);
        }
        return b.toString();
    }
}
