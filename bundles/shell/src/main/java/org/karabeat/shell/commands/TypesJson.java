package org.karabeat.shell.commands;

import java.util.List;
import java.util.Locale;

import javax.json.JsonArrayBuilder;
import javax.json.JsonObjectBuilder;

import org.karabeat.api.ResourceTypeInfo;

/** {@code hb:resource-types --json}. */
final class TypesJson {

    private TypesJson() {
    }

    static String render(List<ResourceTypeInfo> types) {
        JsonArrayBuilder out = Json.PROVIDER.createArrayBuilder();
        for (ResourceTypeInfo t : types) {
            JsonArrayBuilder params = Json.PROVIDER.createArrayBuilder();
            for (ResourceTypeInfo.ParameterInfo p : t.parameters()) {
                params.add(Json.PROVIDER.createObjectBuilder().add("name", p.name()).add("required", p.required())
                        .add("type", p.type()).add("default", p.defaultValue()).add("description", p.description()));
            }
            JsonArrayBuilder resources = Json.PROVIDER.createArrayBuilder();
            t.resources().forEach(resources::add);
            JsonObjectBuilder o = Json.PROVIDER.createObjectBuilder().add("type", t.type())
                    .add("kind", t.kind().name().toLowerCase(Locale.ROOT)).add("provider", t.provider())
                    .add("bundleId", t.bundleId()).add("description", t.description()).add("parameters", params)
                    .add("resources", resources);
            out.add(o);
        }
        return Json.pretty(out.build());
    }
}
