package dev.samstage.core.packaging;

import java.util.Objects;

/**
 * One packaged property in {@code package-manifest.json}.
 *
 * @param template  the template holding the property, relative to the project directory
 * @param resource  logical id of the resource ({@code Globals.Function}, or the resource around an
 *                  {@code AWS::Include})
 * @param property  property path, e.g. {@code CodeUri} or {@code Command.ScriptLocation}
 * @param localPath what was packaged, relative to the project directory ({@code <java build>} for the
 *                  project's own classes and dependencies)
 * @param s3Uri     where it is stored
 * @param bytes     size of the stored object
 * @param status    whether this run uploaded the object or found it already stored
 */
public record ManifestEntry(String template, String resource, String property, String localPath, String s3Uri,
                            long bytes, Status status) {

    /** Whether the object was sent by this run. */
    public enum Status { UPLOADED, REUSED }

    public ManifestEntry {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(localPath, "localPath");
        Objects.requireNonNull(s3Uri, "s3Uri");
        Objects.requireNonNull(status, "status");
    }
}
