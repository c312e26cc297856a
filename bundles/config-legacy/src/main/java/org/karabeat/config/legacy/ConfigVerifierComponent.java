package org.karabeat.config.legacy;

import java.nio.file.Path;

import org.karabeat.api.ConfigVerifier;
import org.karabeat.api.VerificationReport;
import org.osgi.service.component.annotations.Component;

/** The {@link ConfigVerifier} service: checks a directory with {@link LegacyConfigLoader}. */
@Component(service = ConfigVerifier.class)
public final class ConfigVerifierComponent implements ConfigVerifier {

    @Override
    public VerificationReport verify(Path directory, String nodeName, boolean hostChecks) {
        LoadOptions options = LoadOptions.defaults().withHostChecks(hostChecks);
        LoadResult result = LegacyConfigLoader.load(directory, nodeName, options);
        return new VerificationReport(directory.toString(), result.findings());
    }
}
