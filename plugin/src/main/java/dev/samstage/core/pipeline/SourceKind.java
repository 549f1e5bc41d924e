package dev.samstage.core.pipeline;

import dev.samstage.core.config.ConfigException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where the pipeline takes its source from. The repository details are template parameters. */
public enum SourceKind {
    /** GitHub, GitLab or Bitbucket through a CodeStar (CodeConnections) connection. */
    CONNECTION,
    /** A CodeCommit repository. */
    CODECOMMIT,
    /** A zip object in an S3 bucket. */
    S3;

    /** Parses {@code connection}, {@code codecommit} or {@code s3} (any case). */
    public static SourceKind parse(String value, String property) {
        for (SourceKind k : values()) {
            if (k.name().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return k;
            }
        }
        throw new ConfigException("Unknown pipeline source " + property + "=" + value + "; use one of "
                + Arrays.stream(values()).map(k -> k.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")) + ".");
    }
}
