package org.karabeat.shell.commands;

import java.util.List;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.karabeat.api.ResourceTypeInfo;
import org.karabeat.api.ResourceTypes;

@Service
@Command(scope = "hb", name = "resource-types", description = "List the resource and fencing types agents provide, or describe one")
public class ResourceTypesCommand implements Action {

    @Reference
    private ResourceTypes types;

    @Option(name = "-d", aliases = "--describe", description = "Show one type's parameters")
    @Completion(TypeCompleter.class)
    String describe;

    @Option(name = "-j", aliases = "--json", description = "Print JSON instead of tables")
    boolean json;

    @Option(name = "--no-format", description = "Plain tables, without terminal formatting")
    boolean noFormat;

    @Override
    public Object execute() {
        if (describe != null) {
            ResourceTypeInfo t = types.describe(describe).orElseThrow(() -> new IllegalArgumentException(
                    "No agent provides type " + describe + " (hb:resource-types lists them; hb:load-type adds one)"));
            if (json) {
                System.out.println(TypesJson.render(List.of(t)));
                return null;
            }
            System.out.printf("%s (%s type) from %s%n", t.type(), t.kind().name().toLowerCase(Locale.ROOT), t.provider());
            if (!t.description().isEmpty()) {
                System.out.println(t.description());
            }
            if (!t.resources().isEmpty()) {
                System.out.println("Resources of this type: " + String.join(", ", t.resources()));
            }
            System.out.println();
            ShellTable table = new ShellTable();
            table.column("Parameter");
            table.column("Required");
            table.column("Type");
            table.column("Default");
            table.column("Description");
            for (ResourceTypeInfo.ParameterInfo p : t.parameters()) {
                table.addRow().addContent(p.name(), p.required() ? "yes" : "no", p.type(), p.defaultValue(), p.description());
            }
            table.print(System.out, !noFormat);
            System.out.println("Positional haresources arguments (Type::a::b) fill these parameters in order; "
                    + "name=value arguments name one.");
            return null;
        }
        List<ResourceTypeInfo> all = types.types();
        if (json) {
            System.out.println(TypesJson.render(all));
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("Type");
        table.column("Kind");
        table.column("Provider");
        table.column("Resources");
        for (ResourceTypeInfo t : all) {
            table.addRow().addContent(t.type(), t.kind().name().toLowerCase(Locale.ROOT), t.provider(),
                    String.join(", ", t.resources()));
        }
        table.print(System.out, !noFormat);
        return null;
    }
}
