package org.karabeat.shell.commands;

import javax.json.JsonArrayBuilder;
import javax.json.JsonObject;
import javax.json.JsonObjectBuilder;
import javax.json.spi.JsonProvider;

import org.karabeat.api.ClusterStatus;
import org.karabeat.api.ConfigFinding;
import org.karabeat.api.LinkStatus;
import org.karabeat.api.NodeStatus;
import org.karabeat.api.ResourceGroupStatus;
import org.karabeat.api.ResourceStatus;
import org.karabeat.api.TransportStatus;

/**
 * The same content as {@link StatusText}, as JSON for scripts and monitoring. Field names are stable;
 * new fields may be added.
 */
final class StatusJson {

    private static final JsonProvider JSON = Json.PROVIDER;

    private StatusJson() {
    }

    static JsonObject toJson(ClusterStatus s) {
        JsonArrayBuilder nodes = JSON.createArrayBuilder();
        s.nodes().forEach(n -> nodes.add(node(n)));
        JsonArrayBuilder groups = JSON.createArrayBuilder();
        for (ResourceGroupStatus g : s.groups()) {
            JsonArrayBuilder resources = JSON.createArrayBuilder();
            for (ResourceStatus r : g.resources()) {
                JsonArrayBuilder args = JSON.createArrayBuilder();
                r.arguments().forEach(args::add);
                JsonObjectBuilder o = JSON.createObjectBuilder().add("spec", r.spec()).add("type", r.type())
                        .add("arguments", args).add("bound", r.agent().isPresent())
                        .add("state", r.state().name().toLowerCase(java.util.Locale.ROOT));
                r.agent().ifPresentOrElse(a -> o.add("agent", a), () -> o.addNull("agent"));
                resources.add(o);
            }
            groups.add(JSON.createObjectBuilder().add("key", g.key()).add("preferredNode", g.preferredNode())
                    .add("source", g.source()).add("resources", resources));
        }
        JsonArrayBuilder findings = JSON.createArrayBuilder();
        for (ConfigFinding f : s.configFindings()) {
            findings.add(JSON.createObjectBuilder().add("severity", f.severity().name()).add("file", f.file())
                    .add("line", f.line()).add("directive", f.directive()).add("message", f.message())
                    .add("text", f.toString()));
        }
        return JSON.createObjectBuilder().add("localNode", s.localNode()).add("cluster", s.clusterName())
                .add("configDirectory", s.configDirectory()).add("startedAt", s.startedAt().toString())
                .add("nodes", nodes).add("groups", groups).add("configFindings", findings)
                .add("transport", transport(s.transport())).build();
    }

    static JsonObjectBuilder node(NodeStatus n) {
        JsonObjectBuilder o = JSON.createObjectBuilder().add("name", n.name()).add("local", n.local())
                .add("state", n.state().word());
        n.lastHeard().ifPresentOrElse(t -> o.add("lastHeard", t.toString()), () -> o.addNull("lastHeard"));
        n.generation().ifPresentOrElse(g -> o.add("generation", g), () -> o.addNull("generation"));
        o.add("lateHeartbeats", n.lateHeartbeats());
        JsonArrayBuilder links = JSON.createArrayBuilder();
        n.links().forEach(l -> links.add(link(l)));
        return o.add("links", links);
    }

    static JsonObjectBuilder link(LinkStatus l) {
        JsonObjectBuilder o = JSON.createObjectBuilder().add("name", l.name()).add("state", l.state().word());
        l.lastHeard().ifPresentOrElse(t -> o.add("lastHeard", t.toString()), () -> o.addNull("lastHeard"));
        return o;
    }

    static JsonObjectBuilder transport(TransportStatus t) {
        JsonObjectBuilder counters = JSON.createObjectBuilder();
        t.counters().forEach(counters::add);
        return JSON.createObjectBuilder().add("running", t.running()).add("uuid", t.uuid())
                .add("generation", t.generation()).add("counters", counters);
    }

    static String render(ClusterStatus s) {
        return Json.pretty(toJson(s));
    }
}
