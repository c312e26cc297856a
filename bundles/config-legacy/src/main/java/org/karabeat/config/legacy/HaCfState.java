package org.karabeat.config.legacy;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the {@code ha.cf} parser has learnt so far: the values being built and the bookkeeping for checks. */
final class HaCfState {

    /** heartbeat.h MAXNODE. */
    static final int MAX_NODES = 100;
    /** heartbeat.h MAXMEDIA. */
    static final int MAX_MEDIA = 64;
    /** heartbeat.h HOSTLENG: node names are at most 99 characters. */
    static final int MAX_NODE_NAME = 99;

    final HaCf.Builder cf = new HaCf.Builder();
    final String localNode;
    final Findings findings;

    /** Last line that set each directive successfully. */
    final Map<String, Integer> lastLine = new HashMap<>();
    /** Directives with an invalid value: checks that compare them are skipped. */
    final Set<String> invalid = new HashSet<>();
    /** Node name to the line that declared it. */
    final Map<String, Integer> nodeLines = new LinkedHashMap<>();

    /** Whether any media line was written, valid or not. */
    boolean mediaLineSeen;
    /** Whether a ucast, bcast or mcast line was written, valid or not. */
    boolean supportedMediaLineSeen;
    /** Media of any kind, supported or not, with their lines. */
    final List<Integer> mediaLines = new ArrayList<>();
    /** Lines with media Karabeat does not implement. */
    final List<Integer> unsupportedMediaLines = new ArrayList<>();
    /** For ucast and bcast: the UDP port heartbeat fixed when their first line was read. */
    final Map<Medium.Kind, Integer> pluginPorts = new EnumMap<>(Medium.Kind.class);
    /** For ucast and bcast: the line where the port was fixed. */
    final Map<Medium.Kind, Integer> pluginPortLines = new EnumMap<>(Medium.Kind.class);

    boolean watchdogSet;
    boolean baudSet;
    /** Line of the crm/pacemaker directive, 0 when none yet. */
    int pacemakerLine;
    /** heartbeat's global {@code nice_failback}: true after {@code auto_failback on|off}. */
    boolean niceFailbackGlobal;
    Boolean useLogdExplicit;
    boolean autojoinAny;

    /** stonith_host lines of any node, with their (lower-cased) from-host, for the node-name check. */
    final Map<Integer, String> stonithHostFroms = new LinkedHashMap<>();
    final Set<String> apiauthClients = new HashSet<>();

    HaCfState(String localNode, Findings findings) {
        this.localNode = localNode;
        this.findings = findings;
    }

    /** Whether {@code directive} was set on a line (as opposed to defaulted). */
    boolean isSet(String directive) {
        return lastLine.containsKey(directive);
    }

    /** The line that last set {@code directive}, or 0. */
    int line(String directive) {
        return lastLine.getOrDefault(directive, 0);
    }

    /** The UDP port a new ucast or bcast medium gets, fixing it for its kind as heartbeat's plugin does. */
    int portForNew(Medium.Kind kind, int line) {
        if (!pluginPorts.containsKey(kind)) {
            pluginPorts.put(kind, cf.udpport);
            pluginPortLines.put(kind, line);
        }
        return pluginPorts.get(kind);
    }
}
