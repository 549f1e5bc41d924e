package dev.samstage.core.packaging;

import dev.samstage.core.template.Template;
import dev.samstage.core.template.TemplateMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The local directories a template names as function code ({@code CodeUri} of its functions
 * and of {@code Globals.Function}), resolved against the template's directory as SAM does.
 * A build uses them to build those directories' Maven modules before it packages the template.
 */
public final class FunctionCodeDirectories {

    private FunctionCodeDirectories() {
    }

    /** The existing directories named as function code; empty when the template cannot be read (packaging says why). */
    public static Set<Path> of(Path templateFile) {
        Template template;
        try {
            template = Template.read(templateFile);
        } catch (RuntimeException e) { // TemplateException or an unreadable file
            return Set.of();
        }
        Path base = templateFile.toAbsolutePath().getParent();
        Set<Path> directories = new LinkedHashSet<>();
        Stream.concat(template.globals("Function").stream(),
                        template.resourcesOfType("AWS::Serverless::Function").stream().map(r -> r.properties()))
                .map(FunctionCodeDirectories::codeUri)
                .flatMap(Optional::stream)
                .map(value -> base.resolve(value).normalize())
                .filter(Files::isDirectory)
                .forEach(directories::add);
        return directories;
    }

    private static Optional<String> codeUri(TemplateMap properties) {
        return properties.get("CodeUri").flatMap(TemplatePackager::localPath);
    }
}
