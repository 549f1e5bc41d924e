package dev.samstage.core.template;

import java.util.Locale;

/**
 * The limits every file samstage parses (templates, samconfig.toml, template configurations)
 * is read within, so that a broken or hostile file fails with one line naming the limit
 * instead of exhausting the heap (a YAML alias bomb) or the stack (thousands of nested
 * brackets).
 */
public final class DocumentLimits {

    /**
     * The largest template CloudFormation accepts (a TemplateURL in S3: 1 MB, AWS CloudFormation
     * User Guide, "CloudFormation quotas"); a larger one could not be deployed anyway.
     */
    public static final long MAX_TEMPLATE_BYTES = 1_048_576;
    /** samconfig.toml and template configuration files hold a few settings; 1 MiB is ample. */
    public static final long MAX_CONFIG_BYTES = 1_048_576;
    /** Mappings and sequences inside one another; real templates stay far below it. */
    public static final int MAX_NESTING_DEPTH = 100;
    /** Aliases (*name) to mappings and sequences, as snakeyaml limits them by default. */
    public static final int MAX_COLLECTION_ALIASES = 50;
    /** Nodes all aliases together may copy, which stops alias bombs made of few aliases. */
    public static final int MAX_ALIASED_NODES = 100_000;

    private DocumentLimits() {
    }

    /** {@code <file> is <size> bytes, over the <max>-byte limit for <what>; <fix>} */
    public static String tooLarge(Object file, long size, long max, String what, String fix) {
        return file + " is " + String.format(Locale.ROOT, "%,d", size) + " bytes, over the "
                + String.format(Locale.ROOT, "%,d", max) + "-byte limit for " + what + "; " + fix;
    }

    /** The problem for a document nested deeper than {@link #MAX_NESTING_DEPTH}. */
    public static String tooDeep(String fix) {
        return "nesting deeper than " + MAX_NESTING_DEPTH + " levels of mappings and sequences (the limit samstage reads "
                + "files with); " + fix;
    }
}
