package dev.samstage.core.template;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A SAM or CloudFormation template read from YAML or JSON, changed in place, and written back
 * in the same syntax with its meaning intact: key order, short-form intrinsic functions
 * ({@code !Ref}, {@code !Sub}, {@code !GetAtt}...), quoted numbers, literal and folded blocks
 * and every scalar's text are kept. Comments, anchors and aliases are not kept: aliases are
 * written out as copies of what they point to, which CloudFormation reads the same way.
 */
public final class Template {

    private final TemplateMap root;
    private final TemplateFormat format;
    private final Path source;

    private Template(TemplateMap root, TemplateFormat format, Path source) {
        this.root = Objects.requireNonNull(root, "root");
        this.format = Objects.requireNonNull(format, "format");
        this.source = source;
    }

    /** A template built in code. */
    public static Template of(TemplateMap root, TemplateFormat format) {
        return new Template(root, format, null);
    }

    /**
     * Reads a template; the format follows the file name ({@link TemplateFormat#of}).
     *
     * @throws TemplateException when the file cannot be read or is not a valid template; the
     *     message names the file and, for syntax errors, the line and column
     */
    public static Template read(Path file) {
        String text;
        try {
            if (Files.isDirectory(file)) {
                throw new TemplateException(file + " is a directory, not a template; point -Dsamstage.template at the "
                        + "template file in it (such as template.yaml)");
            }
            long size = Files.size(file);
            if (size > DocumentLimits.MAX_TEMPLATE_BYTES) {
                throw new TemplateException(tooLarge(file.toString(), size));
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new TemplateException(file + " is not UTF-8 text; save the template as UTF-8 (without a byte order "
                    + "mark other than UTF-8's)", e);
        } catch (IOException e) {
            throw new TemplateException("cannot read template " + file + ": " + e.getMessage()
                    + "; check the template path", e);
        }
        TemplateFormat format = TemplateFormat.of(file);
        return new Template(parseRoot(text, format, file.toString()), format, file);
    }

    /** Reads a template from text; {@code sourceName} names it in error messages. */
    public static Template parse(String text, TemplateFormat format, String sourceName) {
        return new Template(parseRoot(text, format, sourceName), format, null);
    }

    private static TemplateMap parseRoot(String text, TemplateFormat format, String sourceName) {
        // a character takes at least one byte: more characters than the limit means more bytes
        if (text.length() > DocumentLimits.MAX_TEMPLATE_BYTES) {
            throw new TemplateException(tooLarge(sourceName, text.length()));
        }
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        return format == TemplateFormat.JSON
                ? JsonTemplateReader.read(text, sourceName)
                : YamlTemplateReader.read(text, sourceName);
    }

    private static String tooLarge(String source, long size) {
        return DocumentLimits.tooLarge(source, size, DocumentLimits.MAX_TEMPLATE_BYTES,
                "a template (CloudFormation's largest)", "move parts into nested stacks (AWS::Serverless::Application)");
    }

    public TemplateFormat format() {
        return format;
    }

    /** The file it was read from; empty for templates parsed from text or built in code. */
    public Optional<Path> source() {
        return Optional.ofNullable(source);
    }

    public TemplateMap root() {
        return root;
    }

    /**
     * The resources in document order, as live views; entries of Resources that are not
     * mappings (which CloudFormation rejects) are left out. Empty without a Resources mapping.
     */
    public List<TemplateResource> resources() {
        List<TemplateResource> resources = new ArrayList<>();
        root.getMap("Resources").ifPresent(section -> section.entries().forEach((logicalId, node) -> {
            if (node instanceof TemplateMap map) {
                resources.add(new TemplateResource(logicalId, map));
            }
        }));
        return resources;
    }

    /** The resources of one type ({@code AWS::Serverless::Function}) in document order. */
    public List<TemplateResource> resourcesOfType(String type) {
        return resources().stream().filter(resource -> resource.type().filter(type::equals).isPresent()).toList();
    }

    /** One resource by logical id. */
    public Optional<TemplateResource> resource(String logicalId) {
        return root.getMap("Resources").flatMap(section -> section.getMap(logicalId))
                .map(map -> new TemplateResource(logicalId, map));
    }

    /** A section of SAM's Globals: {@code globals("Function")} is {@code Globals.Function}. */
    public Optional<TemplateMap> globals(String section) {
        return root.getMap("Globals").flatMap(globals -> globals.getMap(section));
    }

    /** The template as text in the format it was read in. */
    public String render() {
        return render(format);
    }

    /** The template as text in the given format; intrinsics become long form in JSON. */
    public String render(TemplateFormat target) {
        return target == TemplateFormat.JSON ? JsonTemplateWriter.write(root) : YamlTemplateWriter.write(root);
    }

    /** Writes {@link #render()} to a file (UTF-8), creating parent directories. */
    public void write(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, render(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TemplateException("cannot write template " + file + ": " + e.getMessage()
                    + "; check that the directory is writable", e);
        }
    }

    /** An independent deep copy with the same format and source. */
    public Template copy() {
        return new Template(root.copy(), format, source);
    }

    @Override
    public String toString() {
        return "Template(" + (source == null ? "in memory" : source) + ", " + format + ")";
    }
}
