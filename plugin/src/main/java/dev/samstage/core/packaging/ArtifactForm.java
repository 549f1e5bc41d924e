package dev.samstage.core.packaging;

/** What a packageable property accepts as a local value and how it is turned into an artifact. */
public enum ArtifactForm {
    /** Code or bundles: a directory is zipped, a zip or jar is used as is, any other file is zipped alone. */
    ARCHIVE,
    /** A document (definition, schema, script, mapping template): a file used as is; a directory is an error. */
    FILE,
    /** A nested template: packaged recursively with its own directory as base, then uploaded. */
    TEMPLATE
}
