package org.karabeat.config.legacy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A valid {@code ha.cf}, defaults applied as heartbeat 3.0.6 applies them. Built only by the loader.
 * {@link #toString()} leaves out {@code env} values and STONITH parameters, which may hold secrets.
 */
public final class HaCf {

    private final String clusterName;
    private final List<String> nodes;
    private final Duration keepalive;
    private final Duration deadtime;
    private final Duration warntime;
    private final Duration initdead;
    private final Duration deadping;
    private final int udpport;
    private final int hopfudge;
    private final List<Medium> media;
    private final AutoFailback autoFailback;
    private final Optional<String> logfile;
    private final Optional<String> debugfile;
    private final Optional<String> logfacility;
    private final boolean useLogd;
    private final boolean syslogFormat;
    private final boolean logBadPackets;
    private final int debugLevel;
    private final boolean netstringFormat;
    private final boolean timeBasedGeneration;
    private final boolean uuidFromNodename;
    private final Duration maxRexmitDelay;
    private final boolean realtime;
    private final int realtimePriority;
    private final List<StonithDirective> stonith;
    private final Map<String, String> env;
    private final Map<String, String> parameters;

    private HaCf(Builder b) {
        clusterName = b.clusterName;
        nodes = List.copyOf(b.nodes);
        keepalive = Duration.ofMillis(b.keepaliveMs);
        deadtime = Duration.ofMillis(b.deadtimeMs);
        warntime = Duration.ofMillis(b.warntimeMs);
        initdead = Duration.ofMillis(b.initdeadMs);
        deadping = Duration.ofMillis(b.deadpingMs);
        udpport = b.udpport;
        hopfudge = b.hopfudge;
        media = List.copyOf(b.media);
        autoFailback = b.autoFailback;
        logfile = Optional.ofNullable(b.logfile);
        debugfile = Optional.ofNullable(b.debugfile);
        logfacility = Optional.ofNullable(b.logfacility);
        useLogd = b.useLogd;
        syslogFormat = b.syslogFormat;
        logBadPackets = b.logBadPackets;
        debugLevel = b.debugLevel;
        netstringFormat = b.netstringFormat;
        timeBasedGeneration = b.timeBasedGeneration;
        uuidFromNodename = b.uuidFromNodename;
        maxRexmitDelay = Duration.ofMillis(b.maxRexmitDelayMs);
        realtime = b.realtime;
        realtimePriority = b.realtimePriority;
        stonith = List.copyOf(b.stonith);
        env = Collections.unmodifiableMap(new LinkedHashMap<>(b.env));
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(b.parameters));
    }

    /** {@code cluster}, default {@code linux-ha}. */
    public String clusterName() {
        return clusterName;
    }

    /** {@code node} names, lower-cased, in file order, each once. */
    public List<String> nodes() {
        return nodes;
    }

    /** {@code keepalive}, default 1 s. */
    public Duration keepalive() {
        return keepalive;
    }

    /** {@code deadtime}, default 30 s. */
    public Duration deadtime() {
        return deadtime;
    }

    /** {@code warntime}, default deadtime / 2. */
    public Duration warntime() {
        return warntime;
    }

    /** {@code initdead}: deadtime if over 10 s, 12 s if deadtime is under 6 s, else twice deadtime. */
    public Duration initdead() {
        return initdead;
    }

    /** {@code deadping}, default deadtime (ping nodes are not implemented; kept for the parameter table). */
    public Duration deadping() {
        return deadping;
    }

    /** {@code udpport}, default 694. */
    public int udpport() {
        return udpport;
    }

    /** {@code hopfudge}, default 1. */
    public int hopfudge() {
        return hopfudge;
    }

    /** The ucast, bcast and mcast media, in file order (other media are not implemented). */
    public List<Medium> media() {
        return media;
    }

    /** {@code auto_failback}, after the {@code nice_failback} mapping; default legacy. */
    public AutoFailback autoFailback() {
        return autoFailback;
    }

    /** {@code logfile} as written (the parameter table holds {@code /dev/null} when only logfacility is set). */
    public Optional<String> logfile() {
        return logfile;
    }

    /** {@code debugfile} as written. */
    public Optional<String> debugfile() {
        return debugfile;
    }

    /** {@code logfacility} when one is set and is not {@code none}. */
    public Optional<String> logfacility() {
        return logfacility;
    }

    /**
     * {@code use_logd}: when on, Karabeat logs to syslog directly (it has no separate logging daemon). Default:
     * on when no logfile, debugfile or logfacility is given, else off.
     */
    public boolean useLogd() {
        return useLogd;
    }

    /** {@code syslogmsgfmt}: write log files in syslog format; default true. */
    public boolean syslogFormat() {
        return syslogFormat;
    }

    /** {@code log_badpack}: log packets that fail to parse or authenticate; default true. */
    public boolean logBadPackets() {
        return logBadPackets;
    }

    /** {@code debug}, default 0. */
    public int debugLevel() {
        return debugLevel;
    }

    /** {@code msgfmt netstring}; default false (classic). */
    public boolean netstringFormat() {
        return netstringFormat;
    }

    /** {@code hbgenmethod time}; default false (file). */
    public boolean timeBasedGeneration() {
        return timeBasedGeneration;
    }

    /** {@code uuidfrom nodename}; default false (file). */
    public boolean uuidFromNodename() {
        return uuidFromNodename;
    }

    /** {@code max_rexmit_delay}, default 250 ms. */
    public Duration maxRexmitDelay() {
        return maxRexmitDelay;
    }

    /** {@code realtime}: run the threads that keep the heartbeat at a realtime (SCHED_RR) priority; default true. */
    public boolean realtime() {
        return realtime;
    }

    /**
     * {@code rtprio}, 1..99. Default 1: heartbeat leaves it unset and then takes the lowest SCHED_RR priority
     * ({@code sched_get_priority_min}), which is 1 on Linux.
     */
    public int realtimePriority() {
        return realtimePriority;
    }

    /** The {@code stonith} and {@code stonith_host} lines that apply to this node, in file order. */
    public List<StonithDirective> stonith() {
        return stonith;
    }

    /** {@code env NAME=value}: environment for resource scripts, names already prefixed {@code HA_}. */
    public Map<String, String> env() {
        return env;
    }

    /**
     * Every recorded directive's value, defaults included, as heartbeat's parameter table holds them: the
     * value as written for those set in the file (so {@code keepalive} may be {@code 2} or {@code 2000ms}),
     * the computed ones as {@code <n>ms}. Resource scripts receive them as {@code HA_<directive>}.
     */
    public Map<String, String> parameters() {
        return parameters;
    }

    @Override
    public String toString() {
        return "HaCf[cluster=" + clusterName + ", nodes=" + nodes + ", keepalive=" + keepalive + ", deadtime="
                + deadtime + ", warntime=" + warntime + ", initdead=" + initdead + ", udpport=" + udpport
                + ", media=" + media + ", autoFailback=" + autoFailback + ", stonith=" + stonith.size()
                + " device(s), env=" + env.keySet() + "]";
    }

    /** Mutable state the parser fills in; defaults are heartbeat's. */
    static final class Builder {
        String clusterName = "linux-ha";
        final List<String> nodes = new ArrayList<>();
        long keepaliveMs = 1000;
        long deadtimeMs = 30000;
        long warntimeMs = -1;
        long initdeadMs = -1;
        long deadpingMs = -1;
        int udpport = 694;
        int hopfudge = 1;
        final List<Medium> media = new ArrayList<>();
        AutoFailback autoFailback = AutoFailback.LEGACY;
        String logfile;
        String debugfile;
        String logfacility;
        boolean useLogd;
        boolean syslogFormat = true;
        boolean logBadPackets = true;
        int debugLevel;
        boolean netstringFormat;
        boolean timeBasedGeneration;
        boolean uuidFromNodename;
        long maxRexmitDelayMs = 250;
        boolean realtime = true;
        int realtimePriority = 1;
        final List<StonithDirective> stonith = new ArrayList<>();
        final Map<String, String> env = new LinkedHashMap<>();
        final Map<String, String> parameters = new LinkedHashMap<>();

        HaCf build() {
            return new HaCf(this);
        }
    }
}
