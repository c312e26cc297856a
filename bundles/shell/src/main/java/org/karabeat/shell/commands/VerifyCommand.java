package org.karabeat.shell.commands;

import java.nio.file.Path;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.karabeat.api.ClusterService;
import org.karabeat.api.ConfigFinding;
import org.karabeat.api.ConfigVerifier;
import org.karabeat.api.VerificationReport;

@Service
@Command(scope = "hb", name = "verify",
        description = "Check ha.cf, authkeys and haresources in a directory without starting anything")
public class VerifyCommand implements Action {

    @Reference
    private ConfigVerifier verifier;

    @Reference
    private ClusterService cluster;

    @Argument(index = 0, name = "directory", description = "The directory to check (default: this node's)")
    String directory;

    @Option(name = "-n", aliases = "--node", description = "Check as this node name (default: this node's name)")
    String node;

    @Option(name = "--host-checks", description = "Also check interfaces and addresses on this host")
    boolean hostChecks;

    @Override
    public Object execute() {
        String dir = directory != null ? directory : cluster.status().configDirectory();
        if (dir == null || dir.isEmpty()) {
            throw new IllegalArgumentException("No configuration directory: give one, e.g. hb:verify /etc/ha.d");
        }
        String as = node != null ? node : cluster.status().localNode();
        VerificationReport report = verifier.verify(Path.of(dir), as, hostChecks);
        for (ConfigFinding f : report.findings()) {
            System.out.println(f);
        }
        String summary = String.format("%s: %d error(s), %d warning(s) for node %s", report.directory(),
                report.errorCount(), report.warningCount(), as);
        if (!report.valid()) {
            throw new IllegalStateException(summary);
        }
        System.out.println(summary + ": valid");
        return null;
    }
}
