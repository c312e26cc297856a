package org.karabeat.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.karabeat.api.ConfigFinding;
import org.karabeat.config.legacy.ConfigLocation;
import org.karabeat.config.legacy.LegacyConfigLoader;
import org.karabeat.config.legacy.LoadOptions;
import org.karabeat.config.legacy.LoadResult;

/**
 * The client half of {@code bin/karabeat}: {@code status}, {@code shell} and {@code verify}. The first two
 * talk to the running node over its control socket; {@code verify} needs no node.
 */
public final class KarabeatCli {

    /** LSB: program is not running. */
    static final int NOT_RUNNING = 3;
    static final int USAGE = 2;

    private final Map<String, String> env;
    private final Properties system;
    private final PrintStream out;
    private final PrintStream err;

    KarabeatCli(Map<String, String> env, Properties system, PrintStream out, PrintStream err) {
        this.env = env;
        this.system = system;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new KarabeatCli(System.getenv(), System.getProperties(), System.out, System.err).run(args));
    }

    int run(String[] args) {
        if (args.length == 0) {
            err.println("usage: karabeat status|shell|verify ...");
            return USAGE;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            switch (args[0]) {
                case "status":
                    return status(rest);
                case "shell":
                    return shell(rest);
                case "verify":
                    return verify(rest);
                default:
                    err.println("karabeat: unknown command '" + args[0] + "'");
                    return USAGE;
            }
        } catch (ParseException e) {
            err.println("karabeat " + args[0] + ": " + e.getMessage());
            return USAGE;
        }
    }

    private int status(String[] args) throws ParseException {
        Options options = new Options().addOption("j", "json", false, "print JSON")
                .addOption("h", "help", false, "this help");
        CommandLine cl = new DefaultParser().parse(options, args);
        if (cl.hasOption("help") || !cl.getArgList().isEmpty()) {
            return help("status [--json]", "Show the running node's status. Exit 0 when the node answers, "
                    + NOT_RUNNING + " when it is not running.", options, cl.hasOption("help"));
        }
        return remote(cl.hasOption("json") ? "hb:status --json" : "hb:status");
    }

    private int shell(String[] args) throws ParseException {
        Options options = new Options().addOption("h", "help", false, "this help");
        CommandLine cl = new DefaultParser().parse(options, args, true);
        if (cl.hasOption("help") || cl.getArgList().isEmpty()) {
            return help("shell 'COMMAND'", "Run one Karaf shell command (e.g. 'hb:status') in the running node; "
                    + "exit with the command's status.", options, cl.hasOption("help"));
        }
        return remote(String.join(" ", cl.getArgList()));
    }

    private int remote(String command) {
        Path socket = Path.of(system.getProperty("karabeat.control.socket",
                Path.of(system.getProperty("karaf.data", "data"), "karabeat.sock").toString()));
        try {
            ControlClient.Reply reply = new ControlClient(socket).run(command);
            out.print(reply.out());
            err.print(reply.err());
            out.flush();
            return reply.exit();
        } catch (ControlClient.NotRunning e) {
            err.println("karabeat: " + e.getMessage());
            return NOT_RUNNING;
        } catch (IOException e) {
            err.println("karabeat: " + e.getMessage());
            return 1;
        }
    }

    private int verify(String[] args) throws ParseException {
        Options options = new Options()
                .addOption(Option.builder("n").longOpt("node").hasArg().argName("NAME")
                        .desc("check as this node name (default: uname -n, or node.name of etc/org.karabeat.node.cfg)").get())
                .addOption(null, "host-checks", false, "also check interfaces and addresses on this host")
                .addOption("h", "help", false, "this help");
        CommandLine cl = new DefaultParser().parse(options, args);
        List<String> rest = cl.getArgList();
        if (cl.hasOption("help") || rest.size() > 1) {
            return help("verify [--node NAME] [--host-checks] [DIR]", "Check ha.cf, authkeys and haresources without "
                    + "starting anything. Exit 0 valid (warnings printed), 1 errors, 2 usage.", options,
                    cl.hasOption("help"));
        }
        Properties nodeCfg = NodeConfiguration.nodeSettings(system);
        String node = NodeConfiguration.nodeName(nodeCfg, Optional.ofNullable(cl.getOptionValue("node")));
        Path dir;
        if (rest.isEmpty()) {
            ConfigLocation location = NodeConfiguration.locate(env, nodeCfg);
            location.findings().forEach(err::println);
            if (location.directory().isEmpty()) {
                return 1;
            }
            dir = location.directory().get();
            out.println("Checking " + dir + " (" + location.description() + ")");
        } else {
            dir = Path.of(rest.get(0));
        }
        LoadResult result = LegacyConfigLoader.load(dir, node, cl.hasOption("host-checks") ? LoadOptions.defaults().withHostChecks(true)
                : LoadOptions.defaults());
        long errors = 0;
        for (ConfigFinding f : result.findings()) {
            (f.isError() ? err : out).println(f);
            errors += f.isError() ? 1 : 0;
        }
        out.printf("%s: %d error(s), %d warning(s) for node %s%s%n", dir, errors, result.findings().size() - errors, node,
                errors == 0 ? ": valid" : "");
        return errors == 0 ? 0 : 1;
    }

    private int help(String syntax, String what, Options options, boolean asked) {
        HelpFormatter f = new HelpFormatter();
        java.io.PrintWriter w = new java.io.PrintWriter(asked ? out : err, true);
        f.printHelp(w, 100, "karabeat " + syntax, what, options, 2, 2, "");
        return asked ? 0 : USAGE;
    }
}
