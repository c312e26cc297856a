package org.karabeat.config.legacy;

import java.util.LinkedHashMap;
import java.util.Map;

import org.karabeat.config.legacy.HaCfDirective.Support;

/**
 * Completes heartbeat's parameter table the way {@code init_config} does: the table defaults for what the
 * file did not set, then the computed values ({@code debug}, {@code warntime}, {@code initdead},
 * {@code deadping}, {@code udpport}, and {@code /dev/null} log files when only a syslog facility is set).
 */
final class ParameterTable {

    private ParameterTable() {
    }

    /** Call after {@link HaCfCrossChecks}, which derives the computed times. */
    static void complete(HaCfState s) {
        HaCf.Builder cf = s.cf;
        Map<String, String> p = cf.parameters;
        for (HaCfDirective d : HaCfDirective.table()) {
            if (d.recorded() && d.support() != Support.REFUSED && d.classicDefault().isPresent()) {
                p.putIfAbsent(d.name(), d.classicDefault().get());
            }
        }
        p.putIfAbsent("debug", String.valueOf(cf.debugLevel));
        p.putIfAbsent("warntime", cf.warntimeMs + "ms");
        p.putIfAbsent("initdead", cf.initdeadMs + "ms");
        p.putIfAbsent("deadping", cf.deadpingMs + "ms");
        p.putIfAbsent("udpport", String.valueOf(cf.udpport));
        if (cf.logfacility != null) {
            p.putIfAbsent("logfile", "/dev/null");
            p.putIfAbsent("debugfile", "/dev/null");
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        for (HaCfDirective d : HaCfDirective.table()) {
            if (p.containsKey(d.name())) {
                ordered.put(d.name(), p.get(d.name()));
            }
        }
        p.clear();
        p.putAll(ordered);
    }
}
