package org.karabeat.core.resources;

import java.util.LinkedHashMap;
import java.util.Map;

import org.karabeat.config.legacy.LegacyConfig;

/**
 * The environment heartbeat gives resource scripts (observed on 3.0.6): {@code HA_CURHOST}, the
 * directories, {@code OCF_ROOT}, and every {@code ha.cf} directive as {@code HA_<directive>}, plus the
 * {@code env} directive's variables. Agents that run scripts pass it on.
 */
public final class ScriptEnvironment {

    private ScriptEnvironment() {
    }

    public static Map<String, String> of(LegacyConfig config, String localNode) {
        Map<String, String> env = new LinkedHashMap<>();
        config.haCf().parameters().forEach((name, value) -> env.put("HA_" + name, value));
        String dir = config.directory().toString();
        env.put("HA_CURHOST", localNode);
        env.put("HA_DIR", dir);
        env.put("HA_RESOURCEDIR", dir + "/resource.d");
        env.put("HA_RCDIR", dir + "/rc.d");
        env.put("HA_FUNCS", dir + "/shellfuncs");
        env.put("OCF_ROOT", "/usr/lib/ocf");
        env.put("OCF_AGENTS", "/usr/lib/ocf/resource.d/heartbeat");
        config.haCf().logfile().ifPresent(f -> env.put("HA_LOGFILE", f));
        config.haCf().debugfile().ifPresent(f -> env.put("HA_DEBUGLOG", f));
        config.haCf().logfacility().ifPresent(f -> env.put("HA_LOGFACILITY", f));
        env.putAll(config.haCf().env());
        return env;
    }
}
