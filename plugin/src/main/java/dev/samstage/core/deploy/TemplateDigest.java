package dev.samstage.core.deploy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SHA-256 of a packaged template (as deployed to a region), recorded in the change set's description so that
 * executing a reviewed change set can prove the template is still the one reviewed. (Not in a
 * tag: change set tags become stack tags, which CloudFormation propagates to every resource; the
 * one tag samstage adds, {@link DeploymentDigest}, changes only when the deployment does.)
 */
final class TemplateDigest {

    private static final String MARKER = "samstage template-sha256=";
    private static final Pattern IN_DESCRIPTION = Pattern.compile(Pattern.quote(MARKER) + "([0-9a-f]{64})");

    private TemplateDigest() {
    }

    static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    static String description(String sha256) {
        return MARKER + sha256;
    }

    /** The digest a change set was created with, if samstage created it. */
    static Optional<String> fromDescription(String description) {
        if (description == null) {
            return Optional.empty();
        }
        Matcher m = IN_DESCRIPTION.matcher(description);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
