package org.karabeat.config.legacy;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code authkeys} as heartbeat's {@code parse_authfile} (auth.c) does. Lines starting with {@code #}
 * are comments; a line starting with {@code a} is {@code auth <index>}; any other is
 * {@code <index> <method> [<key>]}, where the key is the first word after the method. heartbeat selects the
 * sending key when it reads a key line whose index the {@code auth} line named, so a key listed before the
 * {@code auth} line is never selected. No message ever shows a key, nor a word that might be one.
 */
final class AuthKeysParser {

    /** heartbeat.h MAXAUTH. */
    static final int MAX_AUTH = 16;

    private static final Pattern AUTH = Pattern.compile("auth\\s*([+-]?[0-9]++)(.*)", Pattern.DOTALL);
    private static final Pattern KEY = Pattern.compile("([+-]?[0-9]++)\\s*(\\S+)(?:\\s+(\\S+))?(.*)",
            Pattern.DOTALL);

    private final Findings f;
    private int authIndex = -1;
    private int authLine;
    private boolean authIndexInvalid;
    /** An auth line was written but could not be read: "missing auth line" would only add noise. */
    private boolean authLineUnreadable;
    /** Indexes of key lines that were wrong: "no key with that index" would only add noise. */
    private final Set<Integer> wrongKeyIndexes = new HashSet<>();
    private Integer active;
    private final Map<Integer, AuthKey> keys = new LinkedHashMap<>();

    private AuthKeysParser(Findings findings) {
        this.f = findings;
    }

    /** The keys, or empty when the file has an error (reported on {@code findings}). */
    static Optional<AuthKeys> parse(List<String> lines, Findings findings) {
        int errorsBefore = findings.errorCount();
        AuthKeysParser parser = new AuthKeysParser(findings);
        for (int i = 0; i < lines.size(); i++) {
            parser.line(lines.get(i), i + 1);
        }
        parser.finish();
        if (findings.errorCount() > errorsBefore || parser.active == null) {
            return Optional.empty();
        }
        return Optional.of(new AuthKeys(parser.active, parser.keys));
    }

    private void line(String raw, int n) {
        String bp = Words.skip(raw, Words.WHITESPACE);
        if (bp.isEmpty() || bp.startsWith("#")) {
            return;
        }
        if (bp.startsWith("a")) {
            authLine(bp, n);
        } else {
            keyLine(bp, n);
        }
    }

    private void authLine(String bp, int n) {
        Matcher m = AUTH.matcher(bp);
        if (!m.matches()) {
            authLineUnreadable = true;
            f.error(n, "auth", "invalid auth line: expected 'auth <index>', such as 'auth 1'");
            return;
        }
        if (authLine > 0) {
            f.warning(n, "auth", "auth is already given on line " + authLine
                    + "; heartbeat uses this later one only for the key lines that follow it");
        }
        authLine = n;
        Optional<Integer> index = index(m.group(1));
        authIndexInvalid = index.isEmpty();
        authIndex = index.orElse(Integer.MAX_VALUE);
        if (index.isEmpty()) {
            f.error(n, "auth", "index " + m.group(1) + " is out of range: expected 0 to " + (MAX_AUTH - 1));
        }
        String extra = m.group(2).strip();
        if (!extra.isEmpty() && !extra.startsWith("#")) {
            f.warning(n, "auth", "extra words after 'auth " + m.group(1) + "' are ignored");
        }
    }

    private void keyLine(String bp, int n) {
        Matcher m = KEY.matcher(bp);
        if (!m.matches() && Words.asciiLower(bp).startsWith("auth")) {
            authLineUnreadable = true;
            f.error(n, "auth", "invalid auth line: write 'auth' in lower case, such as 'auth 1'");
            return;
        }
        if (!m.matches()) {
            f.error(n, "", "invalid line: expected '<index> <method> [<key>]' (such as '1 sha1 <secret>') or"
                    + " 'auth <index>'");
            return;
        }
        Optional<Integer> index = index(m.group(1));
        if (index.isEmpty()) {
            f.error(n, "", "key index " + m.group(1) + " is out of range: expected 0 to " + (MAX_AUTH - 1));
            return;
        }
        int i = index.get();
        String directive = "key " + i;
        Optional<AuthMethod> method = AuthMethod.fromFileName(m.group(2));
        if (method.isEmpty()) {
            wrongKeyIndexes.add(i);
            f.error(n, directive, unknownMethod(m.group(2), m.group(3)));
            return;
        }
        AuthMethod am = method.get();
        String key = m.group(3) == null ? "" : m.group(3);
        if (!am.needsKey() && !key.isEmpty()) {
            wrongKeyIndexes.add(i);
            f.error(n, directive, am.fileName() + " takes no key, but the line has more words"
                    + (key.startsWith("#") ? " (in authkeys, # starts a comment only at the start of a line)" : ""));
            return;
        }
        if (am.needsKey() && key.isEmpty()) {
            wrongKeyIndexes.add(i);
            f.error(n, directive, am.fileName() + " needs a key: expected '" + i + " " + am.fileName()
                    + " <secret>'");
            return;
        }
        String extra = m.group(4).strip();
        if (!extra.isEmpty() && !extra.startsWith("#")) {
            int words = Words.split(extra, Words.WHITESPACE).size();
            f.warning(n, directive, "the key ends at the first blank: the " + words + " word"
                    + (words == 1 ? "" : "s") + " after it " + (words == 1 ? "is" : "are")
                    + " ignored, as heartbeat does; write the key without blanks");
        }
        AuthKey previous = keys.get(i);
        if (previous != null) {
            f.warning(n, directive, "index " + i + " is already defined on line " + previous.line()
                    + "; this later line replaces it");
        }
        if (am == AuthMethod.SHA256) {
            f.warning(n, directive, "sha256 is a Karabeat extension: heartbeat refuses this file (Invalid"
                    + " authtype), so a cluster that mixes Karabeat and heartbeat nodes must use sha1");
        }
        keys.put(i, new AuthKey(i, am, key, n));
        if (i == authIndex) {
            active = i;
        }
    }

    private void finish() {
        if (active != null) {
            AuthKey key = keys.get(active);
            if (key.method() == AuthMethod.CRC) {
                f.warning(authLine, "auth", "the selected key uses crc, which authenticates nothing: anyone on"
                        + " the network can send messages the cluster accepts; use sha1");
            }
            return;
        }
        if (authLine == 0 && authLineUnreadable) {
            return; // already reported
        }
        if (authLine == 0) {
            f.error(0, "auth", "missing the auth line: add 'auth <index>' naming one of the keys, such as"
                    + " 'auth 1', before the key lines");
        } else if (authIndexInvalid || wrongKeyIndexes.contains(authIndex)) {
            return; // already reported
        } else if (keys.containsKey(authIndex)) {
            f.error(authLine, "auth", "the key with index " + authIndex + " (line " + keys.get(authIndex).line()
                    + ") comes before this auth line: heartbeat only selects a key listed after 'auth "
                    + authIndex + "'; move the auth line to the top");
        } else {
            f.error(authLine, "auth", "auth selects index " + authIndex + ", but no key line has index "
                    + authIndex);
        }
    }

    private static Optional<Integer> index(String digits) {
        try {
            int value = Integer.parseInt(digits);
            return value >= 0 && value < MAX_AUTH ? Optional.of(value) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String unknownMethod(String method, String next) {
        String lower = Words.asciiLower(method);
        if (AuthMethod.fromFileName(lower).isPresent()) {
            return "method names are lower case: write " + lower;
        }
        // The word is not shown: on a line like '1 s3cret' it is the key.
        return "unknown method (the word is not shown, in case it is a key): expected crc, md5 or sha1 (or"
                + " sha256, Karabeat only)" + (next == null ? "; is the method missing before the key?" : "");
    }
}
