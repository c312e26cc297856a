package org.karabeat.spi.testkit;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Collects the results of one kit run; a check the test skipped ends NOT_RUN whatever is recorded. */
final class Results<C extends Enum<C> & Check> {

    private final Class<C> type;
    private final Set<C> skipped;
    private final Map<C, CheckResult> results;

    Results(Class<C> type, Set<C> skipped) {
        this.type = type;
        this.skipped = skipped.isEmpty() ? EnumSet.noneOf(type) : EnumSet.copyOf(skipped);
        this.results = new EnumMap<>(type);
    }

    /** False when the test skipped {@code check}: the kit then makes no call for it. */
    boolean wants(C check) {
        return !skipped.contains(check);
    }

    void pass(C check, String message) {
        record(check, CheckStatus.PASSED, message);
    }

    void fail(C check, String message) {
        record(check, CheckStatus.FAILED, message);
    }

    void notRun(C check, String message) {
        record(check, CheckStatus.NOT_RUN, message);
    }

    /** Passes when {@code problems} is empty, else fails with them joined. */
    void judge(C check, List<String> problems, String passMessage) {
        if (problems.isEmpty()) {
            pass(check, passMessage);
        } else {
            fail(check, String.join("; ", problems));
        }
    }

    private void record(C check, CheckStatus status, String message) {
        if (wants(check)) {
            results.put(check, new CheckResult(check, status, message, false));
        }
    }

    KitReport report(String subject) {
        List<CheckResult> out = new ArrayList<>();
        for (C check : type.getEnumConstants()) {
            if (!wants(check)) {
                out.add(new CheckResult(check, CheckStatus.NOT_RUN, "skipped by the test", true));
            } else {
                CheckResult r = results.get(check);
                out.add(r != null ? r : new CheckResult(check, CheckStatus.NOT_RUN,
                        "the kit did not reach this check (a bug in the kit)", false));
            }
        }
        return new KitReport(subject, out);
    }
}
