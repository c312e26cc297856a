package org.karabeat.spi.testkit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** How the kit's own tests judge a report of a broken agent. */
final class KitAssertions {

    private KitAssertions() {
    }

    /** Every one of {@code checks} in the report and PASSED, saying how. */
    static void assertEveryCheckPassed(KitReport report, Check... checks) {
        report.assertPassed();
        assertEquals(checks.length, report.results().size());
        for (CheckResult r : report.results()) {
            assertEquals(r.toString(), CheckStatus.PASSED, r.status());
            assertFalse(r.toString(), r.message().isEmpty());
        }
    }

    /** The names of the checks in the report, in its order. */
    static List<String> names(KitReport report) {
        List<String> names = new ArrayList<>();
        report.results().forEach(r -> names.add(r.name()));
        return names;
    }

    /** {@code failing} FAILED with every fragment in its message, {@code notRun} NOT_RUN, all others PASSED. */
    static CheckResult assertOnly(KitReport report, Check failing, Set<? extends Check> notRun, String... fragments) {
        CheckResult r = report.result(failing);
        assertEquals(report.toString(), CheckStatus.FAILED, r.status());
        for (String f : fragments) {
            assertTrue("the message of " + failing + " should contain '" + f + "': " + r.message(), r.message().contains(f));
        }
        for (CheckResult other : report.results()) {
            if (other.check() != failing) {
                CheckStatus expected = notRun.contains(other.check()) ? CheckStatus.NOT_RUN : CheckStatus.PASSED;
                assertEquals(other.name() + " in " + report, expected, other.status());
            }
        }
        assertFalse(report.passed());
        try {
            report.assertPassed();
            fail("assertPassed must throw for " + report);
        } catch (AssertionError e) {
            assertTrue(e.getMessage(), e.getMessage().contains(failing.id()));
        }
        return r;
    }

    /** {@code failing} FAILED with every fragment in its message, all others PASSED. */
    static CheckResult assertOnly(KitReport report, Check failing, String... fragments) {
        return assertOnly(report, failing, Set.of(), fragments);
    }
}
