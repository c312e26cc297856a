package org.karabeat.config.legacy;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.karabeat.config.legacy.HaCfDirective.Support;

/**
 * Reads {@code ha.cf} line by line as heartbeat's {@code parse_config} does: leading blanks skipped, a
 * {@code #} anywhere starts a comment, the directive name (case-sensitive) ends at the first blank, then
 * option values are split on blanks and commas while whole-line directives and line media get the rest of
 * the line. Unlike heartbeat, it never stops at the first error.
 */
final class HaCfParser {

    /** Options that take a list: every word adds one value. */
    private static final Set<String> LISTS = Set.of("node", "env");
    /** Options heartbeat refuses to see twice: their handler reports the second value as an error. */
    private static final Set<String> ONCE_ONLY = Set.of("watchdog", "baud", "crm", "pacemaker");
    /** Ignored directives that explain themselves instead of the generic warning. */
    private static final Set<String> OWN_WARNING = Set.of("nice_failback", "stonith", "stonith_host");

    private final HaCfState s;
    private final Findings f;
    private final OptionValues options;
    private final MediaLines media;
    private final StonithLines stonith;
    private final ApiAuthLines apiauth;
    private final ClientChildLines clientChildren;

    private HaCfParser(HaCfState state) {
        this.s = state;
        this.f = state.findings;
        this.options = new OptionValues(state);
        this.media = new MediaLines(state);
        this.stonith = new StonithLines(state);
        this.apiauth = new ApiAuthLines(state);
        this.clientChildren = new ClientChildLines(state);
    }

    /** Reads every line of {@code lines} into a new state; checks across lines are not done here. */
    static HaCfState parse(List<String> lines, String localNode, Findings findings) {
        HaCfState state = new HaCfState(localNode, findings);
        HaCfParser parser = new HaCfParser(state);
        for (int i = 0; i < lines.size(); i++) {
            parser.line(lines.get(i), i + 1);
        }
        return state;
    }

    private void line(String raw, int n) {
        String bp = Words.skip(raw, Words.WHITESPACE);
        int hash = bp.indexOf('#');
        if (hash >= 0) {
            bp = bp.substring(0, hash);
        }
        bp = bp.substring(0, Words.span(bp, "\r\n"));
        if (bp.isEmpty()) {
            return;
        }
        int nameLength = Words.span(bp, Words.WHITESPACE);
        String name = bp.substring(0, nameLength);
        String rest = Words.skip(bp.substring(nameLength), Words.DELIMS);
        if (name.equals("udp")) {
            f.warning(n, "udp", "'udp' is the old name of 'bcast': read as bcast");
            name = "bcast";
        }
        Optional<HaCfDirective> found = HaCfDirective.find(name);
        if (found.isEmpty()) {
            unknownDirective(name, n);
            return;
        }
        HaCfDirective d = found.get();
        if (d.support() == Support.REFUSED) {
            f.error(n, name, d.note());
            return;
        }
        if (d.kind() == HaCfDirective.Kind.MEDIUM || d.kind() == HaCfDirective.Kind.MEDIUM_LINE) {
            s.mediaLineSeen = true;
            s.supportedMediaLineSeen |= d.support() == Support.SUPPORTED;
        }
        boolean ok;
        switch (d.kind()) {
            case OPTION:
                ok = option(d, rest, n);
                break;
            case MEDIUM:
                ok = mediumWords(name, rest, n);
                break;
            case MEDIUM_LINE:
                ok = media.line(name, rest, n);
                break;
            default:
                ok = wholeLine(name, rest, n);
                break;
        }
        if (ok && d.support() == Support.IGNORED_WITH_WARNING && !OWN_WARNING.contains(name)) {
            f.warning(n, name, name + " is not implemented by Karabeat; the line is ignored: " + d.note());
        }
    }

    private boolean option(HaCfDirective d, String rest, int n) {
        String name = d.name();
        List<String> words = Words.split(rest, Words.DELIMS);
        if (words.isEmpty()) {
            String dflt = d.defaultForPeople();
            f.warning(n, name, name + " has no value; the line is ignored"
                    + (dflt.isEmpty() ? "" : " (default: " + dflt + ")"));
            return false;
        }
        if (!LISTS.contains(name) && !ONCE_ONLY.contains(name)) {
            if (words.size() > 1) {
                f.warning(n, name, words.size() + " values given (" + String.join(" ", words)
                        + "): heartbeat uses the last one, '" + words.get(words.size() - 1) + "'");
            } else if (s.isSet(name)) {
                f.warning(n, name, name + " is already set on line " + s.line(name)
                        + "; this later value replaces it");
            }
        }
        boolean allOk = true;
        for (String word : words) {
            if (options.apply(name, word, n)) {
                if (d.recorded()) {
                    s.cf.parameters.put(name, word);
                }
                s.lastLine.put(name, n);
            } else {
                allOk = false;
            }
        }
        return allOk;
    }

    private boolean mediumWords(String name, String rest, int n) {
        List<String> words = Words.split(rest, Words.DELIMS);
        if (words.isEmpty()) {
            f.warning(n, name, name + " names no " + (name.equals("serial") ? "device" : name.startsWith("ping")
                    ? "host" : "interface") + "; the line is ignored");
            return false;
        }
        boolean allOk = true;
        for (String word : words) {
            allOk &= media.word(name, word, n);
        }
        return allOk;
    }

    private boolean wholeLine(String name, String rest, int n) {
        switch (name) {
            case "stonith":
                return stonith.stonith(rest, n);
            case "stonith_host":
                return stonith.stonithHost(rest, n);
            case "apiauth":
                return apiauth.apiauth(rest, n);
            case "respawn", "failfast":
                return clientChildren.clientChild(name, rest, n);
            default:
                throw new IllegalStateException("no handler for whole-line directive " + name);
        }
    }

    private void unknownDirective(String name, int n) {
        Optional<String> meant = closestDirective(name);
        // What was probably meant stays at its default: checks comparing it would only add noise.
        meant.ifPresent(s.invalid::add);
        f.error(n, name, "unknown directive '" + name + "'" + meant.map(m -> Words.asciiLower(name).equals(m)
                ? ": directive names are case-sensitive; write '" + m + "'" : ": did you mean '" + m + "'?")
                .orElse(": heartbeat 3.0.6 does not know it either"));
    }

    /** The directive a misspelt or mis-cased name most likely means. */
    private static Optional<String> closestDirective(String name) {
        String lower = Words.asciiLower(name);
        return HaCfDirective.table().stream()
                .filter(d -> d.support() != Support.REFUSED)
                .map(HaCfDirective::name)
                .filter(known -> editDistance(lower, known) <= 2)
                .min(Comparator.comparingInt(known -> editDistance(lower, known)));
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
