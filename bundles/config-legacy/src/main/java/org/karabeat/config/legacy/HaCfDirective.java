package org.karabeat.config.legacy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code ha.cf} directive of heartbeat 3.0.6: how heartbeat reads it, its classic default and meaning,
 * and what Karabeat does with it. {@link #table()} is the complete list; {@code docs/configuration.md} is
 * generated from it.
 *
 * @param name           the directive, case-sensitive as in heartbeat
 * @param kind           how the rest of the line is read
 * @param syntax         the value(s) expected, for people
 * @param classicDefault the default of heartbeat's {@code Directives[]} table, when it has one
 * @param derivedDefault how heartbeat computes the default when the table has none (empty when none)
 * @param recorded       whether heartbeat records the value in its parameter table (scripts see it as
 *                       {@code HA_<name>})
 * @param explanation    heartbeat's own explanation (ours where heartbeat has none)
 * @param support        what Karabeat does with it
 * @param note           for {@link Support#SUPPORTED}: restrictions or differences; otherwise why not and
 *                       what happens instead. Used in warnings and errors.
 */
public record HaCfDirective(String name, Kind kind, String syntax, Optional<String> classicDefault,
        String derivedDefault, boolean recorded, String explanation, Support support, String note) {

    /** How heartbeat reads the words after the directive name. */
    public enum Kind {
        /** Each word (separated by blanks or commas) is one value. */
        OPTION("option"),
        /** The rest of the line is read by the directive itself, split on blanks only. */
        WHOLE_LINE("whole line"),
        /** A communication medium; each word (separated by blanks or commas) is one medium. */
        MEDIUM("medium, one per word"),
        /** A communication medium described by the rest of the line, split on blanks only. */
        MEDIUM_LINE("medium, one per line");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** A short label for documentation. */
        public String label() {
            return label;
        }
    }

    /** What Karabeat does with a directive. */
    public enum Support {
        /** Read and acted upon. */
        SUPPORTED,
        /** Syntax checked like heartbeat, then ignored with a warning naming it: the node still starts. */
        IGNORED_WITH_WARNING,
        /** An error: the node does not start. */
        REFUSED
    }

    public HaCfDirective {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(syntax, "syntax");
        Objects.requireNonNull(classicDefault, "classicDefault");
        Objects.requireNonNull(derivedDefault, "derivedDefault");
        Objects.requireNonNull(explanation, "explanation");
        Objects.requireNonNull(support, "support");
        Objects.requireNonNull(note, "note");
    }

    /**
     * Every directive heartbeat 3.0.6 (Debian build) knows, in the order of its own tables, plus
     * {@code normalpoll} and the {@code udp} alias.
     */
    public static List<HaCfDirective> table() {
        return TABLE;
    }

    /** The directive spelled exactly {@code name} (directive names are case-sensitive), if any. */
    public static Optional<HaCfDirective> find(String name) {
        return TABLE.stream().filter(d -> d.name.equals(name)).findFirst();
    }

    /** The default as people read it: the classic table's value, else how heartbeat derives it. */
    public String defaultForPeople() {
        return classicDefault.orElse(derivedDefault);
    }

    private static final String BOOL = "on / off";
    private static final String TIME = "time: seconds, or with ms / us";

    private static HaCfDirective supported(String name, Kind kind, String syntax, String dflt, String derived,
            boolean recorded, String explanation, String note) {
        return new HaCfDirective(name, kind, syntax, Optional.ofNullable(dflt), derived, recorded, explanation,
                Support.SUPPORTED, note);
    }

    private static HaCfDirective ignored(String name, Kind kind, String syntax, String dflt, boolean recorded,
            String explanation, String why) {
        return new HaCfDirective(name, kind, syntax, Optional.ofNullable(dflt), "", recorded, explanation,
                Support.IGNORED_WITH_WARNING, why);
    }

    private static final List<HaCfDirective> TABLE = List.of(
            // heartbeat/config.c Directives[]
            supported("cluster", Kind.OPTION, "name", "linux-ha", "", true, "the name of cluster", ""),
            supported("node", Kind.OPTION, "name ...", null, "", false,
                    "a cluster node, named as `uname -n` prints it",
                    "names are lower-cased; several per line allowed"),
            supported("hopfudge", Kind.OPTION, "0..255", "1", "", true, "# of hops above cluster size", ""),
            supported("keepalive", Kind.OPTION, TIME, "1000ms", "", true, "keepalive time", ""),
            supported("deadtime", Kind.OPTION, TIME, "30000ms", "", true, "node deadtime",
                    "must be more than twice keepalive"),
            ignored("deadping", Kind.OPTION, TIME, null, true, "ping deadtime",
                    "ping nodes are not implemented, so there is no ping deadtime (heartbeat's default: deadtime)"),
            supported("initdead", Kind.OPTION, TIME, null,
                    "deadtime if over 10 s; 12 s if deadtime is under 6 s; else twice deadtime", true,
                    "initial deadtime", "must not be less than deadtime; 10 s or more recommended"),
            supported("warntime", Kind.OPTION, TIME, null, "deadtime / 2", true, "warning time",
                    "a warning when warntime is not less than deadtime"),
            ignored("watchdog", Kind.OPTION, "device", null, true, "watchdog device",
                    "Karabeat does not drive a kernel watchdog device; use systemd's watchdog or a fencing device"),
            ignored("baud", Kind.OPTION, "9600 | 19200 | 38400 | 57600 | 115200 | 230400 | 460800", "19200",
                    true, "baud rate", "serial media are not implemented"),
            supported("udpport", Kind.OPTION, "1..65535", null, "694 (ha-cluster in /etc/services)", true,
                    "UDP port number",
                    "must come before the ucast/bcast lines, as in heartbeat; lets a test run unprivileged"),
            supported("logfacility", Kind.OPTION, "syslog facility | none", null, "", true,
                    "syslog log facility", ""),
            supported("logfile", Kind.OPTION, "path", null, "/dev/null when only logfacility is set", true,
                    "log file", ""),
            supported("debugfile", Kind.OPTION, "path", null, "/dev/null when only logfacility is set", true,
                    "debug file", ""),
            ignored("nice_failback", Kind.OPTION, BOOL, null, false, "obsolete form of auto_failback",
                    "obsolete: heartbeat reads it as 'auto_failback legacy', or as"
                            + " 'auto_failback off' after an 'auto_failback on|off' line, whatever its value;"
                            + " Karabeat applies the same mapping. Write auto_failback instead"),
            supported("auto_failback", Kind.OPTION, "on | off | legacy", "legacy", "", true, "auto failback",
                    "'legacy' (the default) is deprecated: a warning asks for on or off"),
            supported("rtprio", Kind.OPTION, "1..99", null, "1 (the lowest SCHED_RR priority)", true,
                    "realtime priority",
                    "with realtime on: the heartbeat thread runs SCHED_RR at this priority, the transport's I/O"
                            + " thread one lower when above 1 (as heartbeat's media processes)"),
            supported("hbgenmethod", Kind.OPTION, "file | time", "file", "", true,
                    "protocol generation computation method", ""),
            supported("realtime", Kind.OPTION, BOOL, "true", "", true, "enable realtime behavior?",
                    "only the heartbeat thread and the transport's I/O thread run SCHED_RR (needs root or"
                            + " CAP_SYS_NICE, else a warning and normal priority); no memory locking"),
            supported("debug", Kind.OPTION, "0..255", null, "0", true, "debug level", ""),
            new HaCfDirective("normalpoll", Kind.OPTION, BOOL, Optional.of("true"), "", true,
                    "Use system poll(2) function?", Support.REFUSED,
                    "heartbeat 3.0.6 compiles it only with ALLOWPOLLCHOICE, which no build defines, so the"
                            + " daemon refuses it as an illegal directive; remove the line"),
            supported("msgfmt", Kind.OPTION, "classic | netstring", "classic", "", true,
                    "message format in the wire", ""),
            supported("use_logd", Kind.OPTION, BOOL, null,
                    "on when no logfile, debugfile or logfacility is given, else off", true,
                    "use logging daemon",
                    "Karabeat has no separate logging daemon: 'on' makes it log to syslog directly"),
            ignored("conn_logd_time", Kind.OPTION, TIME, "60", true, "the interval to reconnect to logd",
                    "Karabeat has no separate logging daemon to reconnect to"),
            ignored("use_apphbd", Kind.OPTION, BOOL, null, false, "register with apphbd",
                    "apphbd (application heartbeat daemon) is not part of Karabeat"),
            supported("log_badpack", Kind.OPTION, BOOL, "true", "", true, "warn about bad packets", ""),
            supported("syslogmsgfmt", Kind.OPTION, BOOL, "true", "", true, "log to files in syslog format", ""),
            ignored("coredumps", Kind.OPTION, BOOL, "true", true, "enable Linux-HA core dumps",
                    "a JVM does not write heartbeat-style core dumps; use the JVM's own options"),
            ignored("coreroot", Kind.OPTION, "directory", null, true, "set root directory of core dump area",
                    "a JVM does not write heartbeat-style core dumps"),
            ignored("crm_daemon_dir", Kind.OPTION, "directory", null, true, "location for Pacemaker daemons",
                    "Karabeat runs haresources (v1) resource management, not Pacemaker"),
            ignored("crmd_spawns_pengine", Kind.OPTION, BOOL, null, true,
                    "should pengine be spawned directly by heartbeat",
                    "Karabeat runs haresources (v1) resource management, not Pacemaker"),
            supported("crm", Kind.OPTION, BOOL + " (and minimal, respawn, ...)", null, "", false,
                    "historical alias for 'pacemaker'",
                    "off only: Karabeat runs haresources (v1) resource management, so any other value is"
                            + " an error"),
            supported("pacemaker", Kind.OPTION, BOOL + " (and minimal, respawn, ...)", "false", "", true,
                    "enable Pacemaker resource management",
                    "off only: Karabeat runs haresources (v1) resource management, so any other value is"
                            + " an error"),
            supported("autojoin", Kind.OPTION, "none | other | any", "none", "", true,
                    "set automatic join mode/style",
                    "none only: heartbeat itself refuses other and any with haresources"),
            supported("uuidfrom", Kind.OPTION, "file | nodename", "file", "", true, "set the source for uuid",
                    ""),
            ignored("compression", Kind.OPTION, "zlib | bz2", "zlib", true, "set compression module",
                    "Karabeat does not compress messages"),
            ignored("compression_threshold", Kind.OPTION, "kbytes, 1 or more", "2", true,
                    "set compression threshold", "Karabeat does not compress messages"),
            ignored("traditional_compression", Kind.OPTION, BOOL, "no", true, "set traditional_compression",
                    "Karabeat does not compress messages"),
            supported("env", Kind.OPTION, "NAME=value ...", null, "", false,
                    "set environment variable for respawn clients",
                    "exported as HA_NAME to resource scripts; values cannot hold blanks or commas"),
            supported("max_rexmit_delay", Kind.OPTION, "milliseconds, 1 or more", "250", "", true,
                    "set the maximum rexmit delay time", ""),
            ignored("record_config_changes", Kind.OPTION, BOOL, "on", true,
                    "record changes to the cib (valid only with: pacemaker on)", "Pacemaker (CIB) only"),
            ignored("record_pengine_inputs", Kind.OPTION, BOOL, "on", true,
                    "record the input used by the policy engine (valid only with: pacemaker on)",
                    "Pacemaker (policy engine) only"),
            ignored("enable_config_writes", Kind.OPTION, BOOL, "on", true,
                    "write configuration changes to disk (valid only with: pacemaker on)", "Pacemaker (CIB) only"),
            ignored("memreserve", Kind.OPTION, "kbytes, 1 or more", "6500", true,
                    "number of kbytes to preallocate in heartbeat",
                    "the JVM manages its own memory"),
            ignored("quorum_server", Kind.OPTION, "host", null, true, "the name or ip of quorum server",
                    "the quorum server (quorumd) is not implemented; note that heartbeat 3.0.6 also replaces"
                            + " the cluster name with this value"),
            // heartbeat/config.c WLdirectives[]
            ignored("stonith", Kind.WHOLE_LINE, "type config-file", null, false,
                    "a STONITH device: its type and a file holding its parameters",
                    "fencing arrives in a later Karabeat version; the line is checked and kept"),
            ignored("stonith_host", Kind.WHOLE_LINE, "from-node|* type param ...", null, false,
                    "a STONITH device usable from one node (or * for all): its type and positional parameters",
                    "fencing arrives in a later Karabeat version; lines for this node are checked and kept in"
                            + " order (heartbeat keeps only the last)"),
            ignored("apiauth", Kind.WHOLE_LINE, "client uid=list gid=list", null, false,
                    "which users and groups may connect as a heartbeat API client",
                    "Karabeat has no heartbeat API socket; its shell and local channel are root-only"),
            ignored("respawn", Kind.WHOLE_LINE, "user /path/to/program args", null, false,
                    "a program heartbeat starts, and restarts when it dies, as the given user",
                    "Karabeat does not start helper programs (ipfail, ccm, ...); run them as systemd units"),
            ignored("failfast", Kind.WHOLE_LINE, "user /path/to/program args", null, false,
                    "like respawn, but the node reboots when the program dies",
                    "Karabeat does not start helper programs"),
            // lib/plugins/HBcomm shipped by Debian's heartbeat package
            supported("bcast", Kind.MEDIUM, "interface ...", null, "", false, "UDP/IP broadcast",
                    "'udp' is read as bcast, with a warning, as in heartbeat"),
            supported("ucast", Kind.MEDIUM_LINE, "interface peer", null, "", false, "UDP/IP unicast", ""),
            supported("mcast", Kind.MEDIUM_LINE, "interface group port ttl loop", null, "", false,
                    "UDP/IP multicast", "group in 224.0.0.0/4, port 1..65535, ttl 0..4, loop 0 or 1"),
            ignored("ucast6", Kind.MEDIUM_LINE, "interface ipv6-peer", null, false, "UDP/IPv6 unicast",
                    "IPv6 media are not implemented yet; use ucast"),
            ignored("mcast6", Kind.MEDIUM_LINE, "interface group port hops loop", null, false,
                    "UDP/IPv6 multicast", "IPv6 media are not implemented yet; use mcast"),
            ignored("serial", Kind.MEDIUM, "/dev/ttyS0 ...", null, false, "serial ring",
                    "serial media are not implemented; use a second network link"),
            ignored("ping", Kind.MEDIUM, "host ...", null, false, "ping membership",
                    "ping nodes (and ipfail) are not implemented"),
            ignored("ping6", Kind.MEDIUM, "host ...", null, false, "ping6 membership",
                    "ping nodes (and ipfail) are not implemented"),
            ignored("ping_group", Kind.MEDIUM_LINE, "name host ...", null, false, "ping group membership",
                    "ping nodes (and ipfail) are not implemented"),
            supported("udp", Kind.MEDIUM, "interface ...", null, "", false, "old name of bcast",
                    "read as bcast with a warning, as in heartbeat"));
}
