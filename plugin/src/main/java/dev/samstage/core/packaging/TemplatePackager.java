package dev.samstage.core.packaging;

import dev.samstage.core.template.Intrinsics;
import dev.samstage.core.template.Template;
import dev.samstage.core.template.TemplateMap;
import dev.samstage.core.template.TemplateNode;
import dev.samstage.core.template.TemplateScalar;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Rewrites one template, and the nested templates it names, so that every packageable property
 * refers to a content-addressed artifact instead of a local path. Nothing is uploaded here:
 * keys are content hashes, so the whole rewrite (and every validation) happens before the
 * first byte is sent; the planned artifacts are collected for the upload that follows.
 */
final class TemplatePackager {

    private static final Pattern URI_SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://.*", Pattern.DOTALL);

    private final ProjectPaths paths;
    private final ArtifactResolver resolver;
    private final ArtifactStore store;
    private final ArtifactDestination destination;
    private final List<PlannedArtifact> planned;
    private final Deque<Path> nesting = new ArrayDeque<>();
    private java.util.function.Consumer<Template> stageEdits = template -> { };

    TemplatePackager(ProjectPaths paths, ArtifactResolver resolver, ArtifactStore store,
                     ArtifactDestination destination, List<PlannedArtifact> planned) {
        this.paths = paths;
        this.resolver = resolver;
        this.store = store;
        this.destination = destination;
        this.planned = planned;
    }

    /** Reads and packages a template (recursively); returns the rewritten template. */
    /** Packages the top-level template after applying the stage's edits to it. */
    Template pack(Path templateFile, java.util.function.Consumer<Template> stageEdits) {
        this.stageEdits = stageEdits;
        return pack(templateFile);
    }

    Template pack(Path templateFile) {
        Path file = templateFile.toAbsolutePath().normalize();
        if (nesting.contains(file)) {
            throw new PackagingException("The template " + paths.relative(file) + " includes itself through nested"
                    + " templates (" + nesting.stream().map(paths::relative).toList() + "); break the cycle.");
        }
        nesting.push(file);
        try {
            Template template = Template.read(file);
            if (nesting.size() == 1) {
                stageEdits.accept(template);
            }
            String name = paths.relative(file);
            Path baseDir = file.getParent();
            boolean globalCode = template.globals("Function").flatMap(g -> g.get("CodeUri")).isPresent();
            template.globals("Function").ifPresent(globals -> packProperties(globals, "Globals.Function", "",
                    PackageableProperty.GLOBAL_CODE_URI, name, baseDir));
            template.resources().forEach(resource -> {
                String type = resource.type().orElse("");
                if (type.equals("AWS::Serverless::Function")) {
                    FunctionCodeSource.check(resource, name, globalCode).ifPresent(site -> plan(site,
                            resolver.javaBuild(site), PackageableProperty.of(type).get(0),
                            slot -> resource.setProperty("CodeUri", slot)));
                }
                for (PackageableProperty property : PackageableProperty.of(type)) {
                    packProperties(resource.properties(), resource.logicalId(), type, property, name, baseDir);
                }
            });
            IncludeTransforms.find(template.root()).forEach(include -> pack(include.slot(),
                    new PropertySite(name, include.section(), "", include.slot().path(), ""),
                    PackageableProperty.INCLUDE_LOCATION, baseDir));
            return template;
        } finally {
            nesting.pop();
        }
    }

    private void packProperties(TemplateMap properties, String resource, String type, PackageableProperty property,
                                String templateName, Path baseDir) {
        for (PropertySlots.Slot slot : PropertySlots.find(properties, property.path())) {
            pack(slot, new PropertySite(templateName, resource, type, slot.path(), ""), property, baseDir);
        }
    }

    private void pack(PropertySlots.Slot slot, PropertySite where, PackageableProperty property, Path baseDir) {
        Optional<String> local = localPath(slot.value());
        if (local.isEmpty()) {
            return; // already an S3 location, a URL, an intrinsic or an inline mapping: deployable as it is
        }
        PropertySite site = new PropertySite(where.template(), where.resource(), where.type(), where.property(),
                local.get());
        if (local.get().isBlank()) {
            throw site.fail("the value is empty", "give a path relative to the template's directory, or remove it");
        }
        Path path = paths.resolve(baseDir, site);
        if (property.form() == ArtifactForm.TEMPLATE) {
            Template nested = pack(path);
            ArtifactPayload payload = ArtifactPayload.TemplateText.of(nested.render());
            plan(site, new ArtifactResolver.Resolved(payload, paths.relative(path)), property, slot::replace);
        } else {
            plan(site, resolver.resolve(path, property, site), property, slot::replace);
        }
    }

    private void plan(PropertySite site, ArtifactResolver.Resolved resolved, PackageableProperty property,
                      java.util.function.Consumer<TemplateNode> replace) {
        ArtifactLocation location = store.locate(destination, destination.key(resolved.payload().objectName()));
        replace.accept(reference(property.reference(), location));
        planned.add(new PlannedArtifact(site, resolved.localPath(), resolved.payload(), location));
    }

    static TemplateNode reference(ReferenceForm form, ArtifactLocation location) {
        if (form instanceof ReferenceForm.BucketKey map) {
            return TemplateMap.empty()
                    .with(map.bucketField(), TemplateScalar.string(location.bucket()))
                    .with(map.keyField(), TemplateScalar.string(location.key()));
        }
        return TemplateScalar.string(form instanceof ReferenceForm.Url ? location.url() : location.uri());
    }

    /** The local path a value names; empty for values that are not local paths. */
    static Optional<String> localPath(TemplateNode value) {
        if (value instanceof TemplateScalar scalar && scalar.kind() == TemplateScalar.Kind.STRING
                && !URI_SCHEME.matcher(scalar.text()).matches() && !Intrinsics.isIntrinsic(value)) {
            return Optional.of(scalar.text());
        }
        return Optional.empty();
    }
}
