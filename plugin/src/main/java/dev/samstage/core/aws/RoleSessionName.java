package dev.samstage.core.aws;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code RoleSessionName} of an assumed stage role, which CloudTrail shows next to every
 * call: the CodeBuild build id when running in CodeBuild (so a change is traced to its build),
 * else {@code samstage-<user>-<project>}. STS allows 2 to 64 characters of {@code [\w+=,.@-]};
 * anything else is replaced by {@code -} and the name is cut at 64.
 */
public final class RoleSessionName {

    static final String CODEBUILD_BUILD_ID = "CODEBUILD_BUILD_ID";
    private static final Pattern NOT_ALLOWED = Pattern.compile("[^\\w+=,.@-]");
    private static final int MAX = 64;

    private RoleSessionName() {
    }

    /**
     * @param environmentVariables the process environment (read for {@code CODEBUILD_BUILD_ID})
     * @param user                 the local user name, used outside CodeBuild
     * @param project              the project name, used outside CodeBuild
     */
    public static String of(Map<String, String> environmentVariables, String user, String project) {
        String build = environmentVariables.get(CODEBUILD_BUILD_ID);
        String raw = build != null && !build.isBlank() ? build : "samstage-" + user + "-" + project;
        String name = NOT_ALLOWED.matcher(raw).replaceAll("-");
        if (name.length() > MAX) {
            name = name.substring(0, MAX);
        }
        return name.length() < 2 ? name + "--".substring(name.length()) : name;
    }
}
