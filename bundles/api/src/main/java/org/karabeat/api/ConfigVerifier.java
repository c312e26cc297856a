package org.karabeat.api;

import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Checks a configuration directory ({@code ha.cf}, {@code authkeys}, {@code haresources}) without
 * starting anything. Backs {@code hb:verify} and {@code bin/karabeat verify}.
 */
@ProviderType
public interface ConfigVerifier {

    /**
     * @param directory  the directory holding the three files
     * @param nodeName   the name this node would run as (stands in for {@code uname -n})
     * @param hostChecks also check that the interfaces and addresses the files name exist on this host
     * @return every finding, errors and warnings, in file order
     */
    VerificationReport verify(Path directory, String nodeName, boolean hostChecks);
}
