package org.karabeat.config.legacy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What heartbeat's {@code init_config} checks once the whole file is read, and derives (warntime, initdead,
 * deadping, use_logd), plus checks a careful administrator would want. A check that compares a directive
 * whose value was invalid is skipped, so one typo gives one error.
 */
final class HaCfCrossChecks {

    private final HaCfState s;
    private final Findings f;
    private final HaCf.Builder cf;

    private HaCfCrossChecks(HaCfState state) {
        this.s = state;
        this.f = state.findings;
        this.cf = state.cf;
    }

    /**
     * @param file the file read, for its permission bits
     */
    static void run(HaCfState state, TextFile file) {
        HaCfCrossChecks checks = new HaCfCrossChecks(state);
        checks.media();
        checks.nodes();
        checks.timing();
        checks.autoFailback();
        checks.logging();
        checks.stonith(file);
    }

    private void media() {
        if (!s.mediaLineSeen) {
            f.error(0, "", "no heartbeat media: add a ucast, bcast or mcast line, such as 'ucast eth0 192.0.2.2'");
            return;
        }
        if (cf.media.isEmpty()) {
            if (!s.supportedMediaLineSeen && !s.unsupportedMediaLines.isEmpty()) {
                f.error(s.unsupportedMediaLines.get(0), "", "none of the media is one Karabeat implements:"
                        + " add a ucast, bcast or mcast line");
            }
            return; // otherwise the media lines are wrong and already reported
        }
        Map<String, Integer> seen = new HashMap<>();
        for (Medium m : cf.media) {
            String key = m.kind() + " " + m.interfaceName() + describeTarget(m);
            Integer first = seen.putIfAbsent(key, m.line());
            if (first != null) {
                f.warning(m.line(), m.kind().directive(), "the same medium (" + m.kind().directive() + " "
                        + m.interfaceName() + describeTarget(m) + ") is already declared on line " + first);
            }
        }
        boolean portUser = cf.media.stream().anyMatch(m -> m.kind() != Medium.Kind.MCAST);
        if (s.isSet("udpport") && !portUser) {
            f.warning(s.line("udpport"), "udpport", "udpport has no effect: the only media are mcast lines,"
                    + " which carry their own port");
        }
    }

    private static String describeTarget(Medium m) {
        if (m instanceof UcastMedium u) {
            return " " + u.peer();
        }
        if (m instanceof McastMedium mc) {
            return " " + mc.group() + " " + mc.port();
        }
        return "";
    }

    private void nodes() {
        if (s.autojoinAny) {
            return; // heartbeat adds the local node itself; the autojoin line is already an error
        }
        if (cf.nodes.isEmpty()) {
            f.error(0, "node", "no node is listed: name every cluster node in a node line, such as"
                    + " 'node hb1 hb2'");
            return;
        }
        if (!s.localNode.isEmpty() && !cf.nodes.contains(s.localNode)) {
            int line = s.nodeLines.values().iterator().next();
            f.error(line, "node", "this node, " + s.localNode + ", is not listed (nodes: " + Words.list(cf.nodes)
                    + "): nodes are named as `uname -n` prints them and each must be in a node line");
        }
    }

    private void timing() {
        long keepalive = cf.keepaliveMs;
        long deadtime = cf.deadtimeMs;
        boolean keepaliveOk = !s.invalid.contains("keepalive");
        boolean deadtimeOk = !s.invalid.contains("deadtime");
        if (keepaliveOk && deadtimeOk && deadtime <= 2 * keepalive) {
            f.error(lineOf("deadtime", "keepalive"), "deadtime", "deadtime (" + Durations.human(deadtime)
                    + ") must be more than twice keepalive (" + Durations.human(keepalive) + ")");
        }
        if (cf.warntimeMs <= 0) {
            cf.warntimeMs = deadtime / 2;
        } else if (deadtimeOk && cf.warntimeMs >= deadtime) {
            f.warning(s.line("warntime"), "warntime", "warntime (" + Durations.human(cf.warntimeMs)
                    + ") is not less than deadtime (" + Durations.human(deadtime) + "): the warning that a node"
                    + " is late would never come before it is declared dead");
        }
        if (cf.initdeadMs < 0) {
            cf.initdeadMs = deadtime > 10000 ? deadtime : deadtime < 6000 ? 12000 : 2 * deadtime;
        } else if (deadtimeOk && !s.invalid.contains("initdead")) {
            if (cf.initdeadMs < deadtime) {
                f.error(s.line("initdead"), "initdead", "initdead (" + Durations.human(cf.initdeadMs)
                        + ") must not be less than deadtime (" + Durations.human(deadtime) + ")");
            } else if (cf.initdeadMs < 10000) {
                f.warning(s.line("initdead"), "initdead", "initdead (" + Durations.human(cf.initdeadMs)
                        + ") may be too small: it covers slow network start-up and should be at least deadtime"
                        + " and at least 10 s");
            }
        }
        if (cf.deadpingMs < 0) {
            cf.deadpingMs = deadtime;
        } else if (keepaliveOk && cf.deadpingMs <= 2 * keepalive) {
            f.error(s.line("deadping"), "deadping", "deadping (" + Durations.human(cf.deadpingMs)
                    + ") must be more than twice keepalive (" + Durations.human(keepalive) + ")");
        }
    }

    private void autoFailback() {
        if (cf.autoFailback != AutoFailback.LEGACY || s.invalid.contains("auto_failback")) {
            return;
        }
        int line = Math.max(s.line("auto_failback"), s.line("nice_failback"));
        f.warning(line, "auto_failback", (line == 0 ? "auto_failback is not set, so it is 'legacy'"
                : "'legacy' is deprecated") + ": write 'auto_failback on' (resources return to their preferred"
                + " node) or 'auto_failback off' (they stay)");
    }

    private void logging() {
        boolean anyLog = cf.logfile != null || cf.debugfile != null || cf.logfacility != null;
        if (anyLog) {
            cf.useLogd = Boolean.TRUE.equals(s.useLogdExplicit);
            return;
        }
        if (Boolean.FALSE.equals(s.useLogdExplicit)) {
            f.error(s.line("use_logd"), "use_logd", "no logfile, debugfile or logfacility line and use_logd is"
                    + " off: nothing would be logged; add 'logfacility daemon' or 'logfile /var/log/ha-log'");
            return;
        }
        cf.useLogd = true;
        if (s.useLogdExplicit == null) {
            cf.parameters.put("use_logd", "yes");
        }
    }

    private void stonith(TextFile file) {
        for (Map.Entry<Integer, String> e : s.stonithHostFroms.entrySet()) {
            String from = e.getValue();
            if (!from.equals("*") && !cf.nodes.isEmpty() && !cf.nodes.contains(from)) {
                f.warning(e.getKey(), "stonith_host", "'" + from + "' is not a node of this cluster (nodes: "
                        + Words.list(cf.nodes) + "): no node will use this line");
            }
        }
        List<StonithDirective> devices = cf.stonith;
        if (!devices.isEmpty()) {
            StonithDirective first = devices.get(0);
            String directive = first.kind() == StonithDirective.Kind.STONITH ? "stonith" : "stonith_host";
            String more = devices.size() == 1 ? "" : "; heartbeat would use only the last one (line "
                    + devices.get(devices.size() - 1).line() + "), Karabeat will use them in order";
            f.warning(first.line(), directive, "fencing is not implemented in this Karabeat version: "
                    + devices.size() + " STONITH device" + (devices.size() == 1 ? " is" : "s are")
                    + " configured for this node, checked but not used" + more);
        }
        Optional<Integer> firstHostLine = s.stonithHostFroms.keySet().stream().findFirst();
        if (firstHostLine.isPresent() && file.mode().isPresent() && (file.mode().getAsInt() & 044) != 0) {
            f.warning(firstHostLine.get(), "stonith_host", "ha.cf holds STONITH parameters (usually a password)"
                    + " and is readable by group or others (mode " + file.modeText() + "): chmod 600 ha.cf");
        }
    }

    /** The line of the first of {@code directives} that is set, or 0. */
    private int lineOf(String... directives) {
        for (String d : directives) {
            if (s.isSet(d)) {
                return s.line(d);
            }
        }
        return 0;
    }
}
