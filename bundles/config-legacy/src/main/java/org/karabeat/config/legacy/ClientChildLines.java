package org.karabeat.config.legacy;

import java.util.List;

/** {@code respawn|failfast <user> </path/to/program> [args]}, checked as config.c's add_client_child. */
final class ClientChildLines {

    private final Findings f;

    ClientChildLines(HaCfState state) {
        this.f = state.findings;
    }

    boolean clientChild(String directive, String rest, int line) {
        String syntax = "expected '" + directive + " <user> </path/to/program> [args]', such as '" + directive
                + " hacluster /usr/libexec/heartbeat/ipfail'";
        List<String> t = Words.split(rest, Words.WHITESPACE);
        if (t.isEmpty()) {
            return error(directive, line, "missing the user and the program: " + syntax);
        }
        if (t.get(0).startsWith("/")) {
            return error(directive, line, "missing the user before the program: " + syntax);
        }
        if (t.size() < 2) {
            return error(directive, line, "missing the program after user " + t.get(0) + ": " + syntax);
        }
        String program = t.get(1);
        if (!program.startsWith("/")) {
            return error(directive, line, "'" + program + "' is not a full path name: " + syntax);
        }
        if (program.equals("/usr/lib/heartbeat/ipfail")) {
            f.warning(line, directive, "Debian's heartbeat 3.0.6 installs ipfail as /usr/libexec/heartbeat/ipfail:"
                    + " a node running the classic daemon refuses to start with this path");
        }
        return true;
    }

    private boolean error(String directive, int line, String message) {
        f.error(line, directive, message);
        return false;
    }
}
