package org.karabeat.config.legacy;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;

/**
 * Applies one value of an option directive ({@code keepalive 2}, each name of {@code node hb1 hb2}), as the
 * {@code set_*} functions of heartbeat's config.c do, with clearer messages.
 */
final class OptionValues {

    private static final List<Integer> BAUD_RATES = List.of(9600, 19200, 38400, 57600, 115200, 230400, 460800);
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final HaCfState s;
    private final Findings f;

    OptionValues(HaCfState state) {
        this.s = state;
        this.f = state.findings;
    }

    /**
     * Applies {@code word} to {@code directive}. Reports problems itself.
     *
     * @return whether the value was accepted (heartbeat then records it in its parameter table)
     */
    boolean apply(String directive, String word, int line) {
        switch (directive) {
            case "cluster":
                s.cf.clusterName = word;
                return true;
            case "node":
                return node(word, line);
            case "hopfudge":
                return integer(directive, word, line, 0, 255, v -> s.cf.hopfudge = (int) v);
            case "keepalive":
                return time(directive, word, line, true, v -> s.cf.keepaliveMs = v);
            case "deadtime":
                return time(directive, word, line, false, v -> s.cf.deadtimeMs = v);
            case "deadping":
                return time(directive, word, line, false, v -> s.cf.deadpingMs = v);
            case "initdead":
                return time(directive, word, line, false, v -> s.cf.initdeadMs = v);
            case "warntime":
                return time(directive, word, line, true, v -> s.cf.warntimeMs = v);
            case "watchdog":
                return watchdog(line);
            case "baud":
                return baud(word, line);
            case "udpport":
                return udpport(word, line);
            case "logfacility":
                return logfacility(word, line);
            case "logfile":
                return path(directive, word, line, v -> s.cf.logfile = v);
            case "debugfile":
                return path(directive, word, line, v -> s.cf.debugfile = v);
            case "nice_failback":
                return niceFailback(word, line);
            case "auto_failback":
                return autoFailback(word, line);
            case "rtprio":
                return integer(directive, word, line, 1, 99, v -> s.cf.realtimePriority = (int) v);
            case "hbgenmethod":
                return oneOf(directive, word, line, List.of("file", "time"),
                        v -> s.cf.timeBasedGeneration = v.equals("time"));
            case "realtime":
                return bool(directive, word, line, v -> s.cf.realtime = v);
            case "use_apphbd", "coredumps", "traditional_compression", "record_config_changes",
                    "record_pengine_inputs", "enable_config_writes":
                return bool(directive, word, line, v -> { });
            case "debug":
                return integer(directive, word, line, 0, 255, v -> s.cf.debugLevel = (int) v);
            case "msgfmt":
                return oneOf(directive, word, line, List.of("classic", "netstring"),
                        v -> s.cf.netstringFormat = v.equals("netstring"));
            case "use_logd":
                return bool(directive, word, line, v -> s.useLogdExplicit = v);
            case "conn_logd_time":
                return time(directive, word, line, true, v -> { });
            case "log_badpack":
                return bool(directive, word, line, v -> s.cf.logBadPackets = v);
            case "syslogmsgfmt":
                return bool(directive, word, line, v -> s.cf.syslogFormat = v);
            case "coreroot", "quorum_server":
                return true;
            case "crm_daemon_dir":
                return crmDaemonDir(line);
            case "crmd_spawns_pengine":
                return crmdSpawnsPengine(word, line);
            case "crm", "pacemaker":
                return pacemaker(directive, word, line);
            case "autojoin":
                return autojoin(word, line);
            case "uuidfrom":
                return oneOf(directive, word, line, List.of("file", "nodename"),
                        v -> s.cf.uuidFromNodename = v.equals("nodename"));
            case "compression":
                return oneOf(directive, word, line, List.of("zlib", "bz2"), v -> { });
            case "compression_threshold":
                return integer(directive, word, line, 1, Integer.MAX_VALUE, v -> { });
            case "env":
                return env(word, line);
            case "max_rexmit_delay":
                return integer(directive, word, line, 1, Integer.MAX_VALUE, v -> s.cf.maxRexmitDelayMs = v);
            case "memreserve":
                return integer(directive, word, line, 1, Integer.MAX_VALUE, v -> { });
            default:
                throw new IllegalStateException("no handler for option directive " + directive);
        }
    }

    private boolean node(String word, int line) {
        String name = Words.asciiLower(word);
        if (name.length() > HaCfState.MAX_NODE_NAME) {
            f.error(line, "node", "node name '" + word + "' is longer than " + HaCfState.MAX_NODE_NAME
                    + " characters");
            return false;
        }
        Integer first = s.nodeLines.get(name);
        if (first != null) {
            f.warning(line, "node", "node " + name + " is already listed on line " + first
                    + "; listing it again has no effect");
            return true;
        }
        if (s.nodeLines.size() >= HaCfState.MAX_NODES) {
            f.error(line, "node", "too many nodes: heartbeat allows at most " + HaCfState.MAX_NODES);
            return false;
        }
        s.nodeLines.put(name, line);
        s.cf.nodes.add(name);
        return true;
    }

    private boolean time(String directive, String word, int line, boolean mustBePositive, LongConsumer set) {
        Checked<Long> ms = TimeValue.parse(word);
        if (!ms.isOk()) {
            return invalid(directive, line, ms.error());
        }
        if (mustBePositive && ms.value() <= 0) {
            return invalid(directive, line, "'" + word + "' is " + ms.value() + " ms: " + directive
                    + " must be more than 0 ms");
        }
        if (ms.hasNote()) {
            f.warning(line, directive, ms.note());
        }
        set.accept(ms.value());
        return true;
    }

    private boolean integer(String directive, String word, int line, long min, long max, LongConsumer set) {
        Checked<Integer> n = WholeNumber.parse(word, min, max);
        if (!n.isOk()) {
            return invalid(directive, line, n.error());
        }
        set.accept(n.value());
        return true;
    }

    private boolean bool(String directive, String word, int line, Consumer<Boolean> set) {
        Optional<Boolean> b = BooleanValue.parse(word);
        if (b.isEmpty()) {
            return invalid(directive, line, BooleanValue.invalid(word));
        }
        set.accept(b.get());
        return true;
    }

    private boolean oneOf(String directive, String word, int line, List<String> allowed,
            Consumer<String> set) {
        if (!allowed.contains(word)) {
            return invalid(directive, line, "invalid value '" + word + "': expected "
                    + String.join(" or ", allowed) + " (lower case)");
        }
        set.accept(word);
        return true;
    }

    private boolean path(String directive, String word, int line, Consumer<String> set) {
        if (!word.startsWith("/")) {
            f.warning(line, directive, "'" + word + "' is a relative path: it is relative to the daemon's"
                    + " working directory; write an absolute path");
        }
        set.accept(word);
        return true;
    }

    private boolean watchdog(int line) {
        if (s.watchdogSet) {
            return invalid("watchdog", line, "watchdog device given more than once: heartbeat refuses a second"
                    + " one");
        }
        s.watchdogSet = true;
        return true;
    }

    private boolean baud(String word, int line) {
        if (s.baudSet) {
            return invalid("baud", line, "baud rate given more than once: heartbeat refuses a second one");
        }
        s.baudSet = true;
        Checked<Integer> n = WholeNumber.parse(word, 1, Integer.MAX_VALUE);
        if (!n.isOk() || !BAUD_RATES.contains(n.value())) {
            return invalid("baud", line, "invalid baud rate '" + word + "': expected one of "
                    + BAUD_RATES.toString().replaceAll("[\\[\\]]", ""));
        }
        return true;
    }

    private boolean udpport(String word, int line) {
        Checked<Integer> n = WholeNumber.parse(word, 1, 65535);
        if (!n.isOk()) {
            return invalid("udpport", line, n.error());
        }
        for (Medium.Kind kind : s.pluginPorts.keySet()) {
            int fixed = s.pluginPorts.get(kind);
            if (fixed != n.value()) {
                f.warning(line, "udpport", "udpport comes after the first " + kind.directive() + " line (line "
                        + s.pluginPortLines.get(kind) + "): heartbeat fixes the port of all " + kind.directive()
                        + " media when it reads that line, so they use port " + fixed + ", not " + n.value()
                        + "; move udpport above the media lines");
            }
        }
        s.cf.udpport = n.value();
        return true;
    }

    private boolean logfacility(String word, int line) {
        if (!SyslogFacility.isKnown(word)) {
            return invalid("logfacility", line, "unknown syslog facility '" + word
                    + "': expected daemon, local0 .. local7, another syslog facility name (lower case) or none");
        }
        if (word.equals("kern")) {
            f.warning(line, "logfacility", "kern is the kernel's facility: heartbeat treats it as no"
                    + " facility (its number is 0) and programs cannot log with it; use daemon or local0 .. local7");
        } else if (word.equals("mark")) {
            f.warning(line, "logfacility", "mark is syslog's internal timestamp facility, not one to log"
                    + " with; use daemon or local0 .. local7");
        }
        s.cf.logfacility = SyslogFacility.logsToSyslog(word) ? word : null;
        return true;
    }

    private boolean niceFailback(String word, int line) {
        if (BooleanValue.parse(word).isEmpty()) {
            return invalid("nice_failback", line, BooleanValue.invalid(word));
        }
        // heartbeat ignores the value: it looks at whether an earlier auto_failback line said on or off.
        AutoFailback mapped = s.niceFailbackGlobal ? AutoFailback.OFF : AutoFailback.LEGACY;
        s.cf.autoFailback = mapped;
        s.niceFailbackGlobal = mapped != AutoFailback.LEGACY;
        f.warning(line, "nice_failback", "nice_failback is obsolete: heartbeat reads 'nice_failback " + word
                + "' as 'auto_failback " + mapped.name().toLowerCase() + "'"
                + (mapped == AutoFailback.OFF ? " (because an auto_failback on|off line comes before it)" : "")
                + ", and so does Karabeat; replace it with 'auto_failback on' or 'auto_failback off'");
        return true;
    }

    private boolean autoFailback(String word, int line) {
        Optional<Boolean> b = BooleanValue.parse(word);
        if (b.isPresent()) {
            s.cf.autoFailback = b.get() ? AutoFailback.ON : AutoFailback.OFF;
            s.niceFailbackGlobal = true;
            return true;
        }
        if (Words.asciiLower(word).equals("legacy")) {
            s.cf.autoFailback = AutoFailback.LEGACY;
            s.niceFailbackGlobal = false;
            return true;
        }
        return invalid("auto_failback", line, "invalid value '" + word + "': expected on, off or legacy");
    }

    private boolean crmDaemonDir(int line) {
        if (s.pacemakerLine == 0) {
            // config.c's order check is inverted: it fails unless a crm/pacemaker line came first.
            f.warning(line, "crm_daemon_dir", "a node running heartbeat 3.0.6 refuses to start with this line"
                    + " unless it comes after the crm/pacemaker line (heartbeat's order check is inverted)");
        }
        return true;
    }

    private boolean crmdSpawnsPengine(String word, int line) {
        if (s.pacemakerLine != 0) {
            return invalid("crmd_spawns_pengine", line, "crmd_spawns_pengine must come before the crm/pacemaker"
                    + " line (line " + s.pacemakerLine + "): heartbeat refuses it after");
        }
        return bool("crmd_spawns_pengine", word, line, v -> { });
    }

    private boolean pacemaker(String directive, String word, int line) {
        if (s.pacemakerLine != 0) {
            return invalid(directive, line, "crm/pacemaker is given more than once (first on line "
                    + s.pacemakerLine + "): heartbeat refuses a second value");
        }
        s.pacemakerLine = line;
        String lower = Words.asciiLower(word);
        Optional<Boolean> b = BooleanValue.parse(word);
        boolean pacemakerMode = List.of("minimal", "manual", "respawn", "ccm-only", "valgrind").contains(lower)
                || b.orElse(false);
        if (pacemakerMode) {
            return invalid(directive, line, "Karabeat runs haresources (v1) resource management, not Pacemaker:"
                    + " '" + directive + " " + word + "' is refused; remove the line or write '" + directive
                    + " off'");
        }
        if (b.isEmpty()) {
            return invalid(directive, line, "invalid value '" + word + "': expected off (Karabeat does not run"
                    + " Pacemaker)");
        }
        s.cf.parameters.put("pacemaker", word);
        return true;
    }

    private boolean autojoin(String word, int line) {
        String lower = Words.asciiLower(word);
        if (lower.equals("none")) {
            s.autojoinAny = false;
            return true;
        }
        if (lower.equals("other") || lower.equals("any")) {
            s.autojoinAny = lower.equals("any");
            return invalid("autojoin", line, "'autojoin " + word + "' conflicts with haresources (v1) resource"
                    + " management, as in heartbeat ('R1 style resource management conflicts with autojoin');"
                    + " list every node with a node line and use 'autojoin none'");
        }
        return invalid("autojoin", line, "invalid value '" + word + "': expected none, other or any");
    }

    private boolean env(String word, int line) {
        int eq = word.indexOf('=');
        if (eq < 0) {
            // The word is not printed: it may be the second half of a value that held a secret.
            return invalid("env", line, "a word without '=': expected NAME=value (values cannot hold blanks or"
                    + " commas, which separate values)");
        }
        if (eq == 0) {
            return invalid("env", line, "a word starting with '=': expected NAME=value");
        }
        String name = word.substring(0, eq);
        if (!ENV_NAME.matcher(name).matches()) {
            f.warning(line, "env", "'" + name + "' is not a usable shell variable name: scripts cannot read"
                    + " HA_" + name);
        }
        if (name.startsWith("HA_")) {
            f.warning(line, "env", "heartbeat adds the HA_ prefix itself, so this sets HA_" + name + "; write 'env "
                    + name.substring(3) + "=...' to set " + name);
        }
        s.cf.env.put("HA_" + name, word.substring(eq + 1));
        return true;
    }

    private boolean invalid(String directive, int line, String message) {
        s.invalid.add(directive);
        f.error(line, directive, message);
        return false;
    }
}
