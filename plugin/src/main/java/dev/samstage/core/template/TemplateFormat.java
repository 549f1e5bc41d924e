package dev.samstage.core.template;

import java.nio.file.Path;
import java.util.Locale;

/** The syntax a template file is written in; a template is always written back in its own. */
public enum TemplateFormat {
    YAML,
    JSON;

    /** {@code .json} files are JSON; every other name ({@code .yaml}, {@code .yml}, {@code .template}) is YAML. */
    public static TemplateFormat of(Path file) {
        Path name = file.getFileName();
        return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".json") ? JSON : YAML;
    }
}
