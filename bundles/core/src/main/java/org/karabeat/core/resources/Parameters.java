package org.karabeat.core.resources;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.karabeat.core.agents.AgentMetadata;

/**
 * Maps {@code haresources} arguments onto an agent's parameters: {@code name=value} arguments whose name
 * is a parameter of the meta-data are named; the others fill the meta-data's parameters in order
 * ({@code Dummy::/run/x.state} gives {@code state=/run/x.state}).
 */
final class Parameters {

    private Parameters() {
    }

    static Map<String, String> map(List<String> arguments, AgentMetadata metadata) {
        List<String> names = metadata.parameters().stream().map(AgentMetadata.Parameter::name).toList();
        Map<String, String> named = new LinkedHashMap<>();
        java.util.List<String> positional = new java.util.ArrayList<>();
        for (String a : arguments) {
            int eq = a.indexOf('=');
            if (eq > 0 && names.contains(a.substring(0, eq))) {
                named.put(a.substring(0, eq), a.substring(eq + 1));
            } else {
                positional.add(a);
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        int next = 0;
        for (String value : positional) {
            while (next < names.size() && named.containsKey(names.get(next))) {
                next++;
            }
            if (next < names.size()) {
                out.put(names.get(next++), value);
            }
            // an argument beyond the declared parameters stays available in arguments() only
        }
        out.putAll(named);
        return out;
    }
}
