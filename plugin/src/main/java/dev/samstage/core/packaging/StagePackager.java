package dev.samstage.core.packaging;

import dev.samstage.core.events.StageEvent;
import dev.samstage.core.events.StageListener;
import dev.samstage.core.template.Template;
import dev.samstage.core.template.TemplateFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Packages a stage's template: every packageable property that names a local path becomes a
 * deterministic, content-addressed artifact in the store, nested templates are packaged
 * recursively, and the rewritten template and a manifest land in the output directory.
 *
 * <p>Order matters for users: every input is validated and every key computed first (paths,
 * KMS key format, image functions, nested templates), then the bucket is checked, and only
 * then does anything go up, in parallel, skipping objects that already exist.</p>
 */
public final class StagePackager {

    /** Templates larger than this cannot be passed inline to CloudFormation and go by URL. */
    public static final int MAX_INLINE_TEMPLATE_BYTES = 51_200;

    /** The largest template CloudFormation reads from S3 (CloudFormation quotas: "Template body size in an S3 object"). */
    public static final int MAX_TEMPLATE_BYTES = 1_000_000;

    private final ArtifactStore store;
    private final StageListener listener;

    public StagePackager(ArtifactStore store, StageListener listener) {
        this.store = Objects.requireNonNull(store, "store");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Packages {@code request.templateFile()}; see the class comment for the order of work. */
    public PackageResult packageTemplate(PackageRequest request) {
        ArtifactDestination destination = request.destination();
        if (Files.isDirectory(request.templateFile())) {
            throw new PackagingException("The template " + request.templateFile() + " is a directory; set"
                    + " -Dsamstage.template to the SAM template file in it (such as template.yaml).");
        }
        if (!Files.isRegularFile(request.templateFile())) {
            throw new PackagingException("The template " + request.templateFile() + " does not exist; set"
                    + " -Dsamstage.template to the SAM template of the project.");
        }
        // the bucket check runs while the template is read and hashed; its outcome is reported after those
        store.prepare(destination);
        ProjectPaths paths = new ProjectPaths(request.projectDir());
        List<PlannedArtifact> planned = new ArrayList<>();
        long start = System.nanoTime();
        Template packaged = new TemplatePackager(paths, new ArtifactResolver(paths, request.build(), request.modules()), store,
                destination, planned).pack(request.templateFile(), request.stageEdits());
        listener.on(StageEvent.debug(String.format("Planned %d artifacts (content hashes, keys) in %d ms",
                planned.size(), (System.nanoTime() - start) / 1_000_000)));
        String text = packaged.render();
        int templateBytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (templateBytes > MAX_TEMPLATE_BYTES) {
            throw new PackagingException(String.format("The packaged template of %s is %,d bytes; CloudFormation takes"
                    + " at most %,d bytes even from S3: split the stack into nested stacks (AWS::Serverless::Application"
                    + " or AWS::CloudFormation::Stack with a local TemplateURL) or move large inline values (InlineCode,"
                    + " DefinitionBody) into files.", paths.relative(request.templateFile()), templateBytes,
                    MAX_TEMPLATE_BYTES));
        }
        Optional<PlannedArtifact> large = Optional.empty();
        if (templateBytes > MAX_INLINE_TEMPLATE_BYTES) {
            ArtifactPayload payload = ArtifactPayload.TemplateText.of(text);
            String name = paths.relative(request.templateFile());
            large = Optional.of(new PlannedArtifact(new PropertySite(name, "(packaged template)", "", "TemplateURL", name),
                    name, payload, store.locate(destination, destination.key(payload.objectName()))));
        }

        store.checkDestination(destination);
        List<String> abandoned = store.abortAbandonedUploads(destination);
        if (!abandoned.isEmpty()) {
            listener.on(StageEvent.info("Aborted " + abandoned.size() + " incomplete upload(s) that interrupted builds"
                    + " left in " + store.locate(destination, destination.key("")).uri() + ": " + String.join(", ", abandoned)));
        }
        List<PlannedArtifact> all = Stream.concat(planned.stream(), large.stream()).toList();
        Map<String, Stored> stored = storeAll(all, destination, request.outputDir());

        List<ManifestEntry> entries = all.stream().map(p -> {
            Stored s = stored.get(p.location().key());
            return new ManifestEntry(p.site().template(), p.site().resource(), p.site().property(), p.localPath(),
                    p.location().uri(), s.bytes(), s.status());
        }).toList();
        long bytesUploaded = stored.values().stream().filter(s -> s.status() == ManifestEntry.Status.UPLOADED)
                .mapToLong(Stored::bytes).sum();
        int uploaded = (int) stored.values().stream().filter(s -> s.status() == ManifestEntry.Status.UPLOADED).count();
        int reused = stored.size() - uploaded;

        Path templateOut = request.outputDir().resolve(packaged.format() == TemplateFormat.JSON
                ? "packaged-template.json" : "packaged-template.yaml");
        write(templateOut, text);
        Optional<String> templateUrl = large.map(p -> p.location().url());
        Path manifest = PackageManifest.write(request.outputDir().resolve("package-manifest.json"),
                paths.relative(request.templateFile()), templateUrl, entries, bytesUploaded, uploaded, reused);
        listener.on(StageEvent.info(String.format("Packaged %s: %d artifacts uploaded (%s), %d reused -> %s",
                paths.relative(request.templateFile()), uploaded, UploadProgress.mebibytes(bytesUploaded), reused,
                templateOut)));
        return new PackageResult(templateOut, templateUrl, manifest, entries, bytesUploaded, uploaded, reused);
    }

    private record Stored(long bytes, ManifestEntry.Status status) {
    }

    /** Stores each distinct artifact once, several at a time; returns the outcome per key. */
    private Map<String, Stored> storeAll(List<PlannedArtifact> artifacts, ArtifactDestination destination,
                                         Path outputDir) {
        Map<String, PlannedArtifact> distinct = new LinkedHashMap<>();
        artifacts.forEach(a -> distinct.putIfAbsent(a.location().key(), a));
        Path work = workDirectory(outputDir);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(store.parallelism(),
                distinct.size())), runnable -> {
            Thread thread = new Thread(runnable, "samstage-upload");
            thread.setDaemon(true);
            return thread;
        });
        try {
            // one listing instead of a lookup per artifact, where there are several to look up
            Set<String> absent = distinct.size() > 1 ? store.absentAmong(destination, distinct.keySet()) : Set.of();
            Map<String, Future<Stored>> futures = new LinkedHashMap<>();
            distinct.forEach((key, artifact) -> futures.put(key, pool.submit(() -> store(artifact, destination, work,
                    absent.contains(key)))));
            Map<String, Stored> results = new LinkedHashMap<>();
            for (Map.Entry<String, Future<Stored>> future : futures.entrySet()) {
                results.put(future.getKey(), await(future.getValue()));
            }
            return results;
        } finally {
            pool.shutdownNow();
            delete(work);
        }
    }

    private Stored store(PlannedArtifact artifact, ArtifactDestination destination, Path work, boolean knownAbsent) {
        String key = artifact.location().key();
        ArtifactPayload payload = artifact.payload();
        Optional<Stored> reused = knownAbsent ? Optional.empty() : reuse(artifact, destination);
        if (reused.isPresent()) {
            return reused.get();
        }
        Path file = payload.file(work);
        // the store takes the artifact's bytes while they are being written (S3: part by part)
        ArtifactUpload upload = store.upload(destination, key, payload.sha256(), file, payload.maxSize(), listener);
        try {
            long bytes = upload.finish(payload.materialize(work, upload));
            listener.on(StageEvent.info("Uploaded " + artifact.location().uri() + " (" + UploadProgress.mebibytes(bytes)
                    + ") for " + describe(artifact)));
            return new Stored(bytes, ManifestEntry.Status.UPLOADED);
        } catch (RuntimeException e) {
            upload.abort();
            throw e;
        } finally {
            if (file.startsWith(work)) {
                delete(file);
            }
        }
    }

    /**
     * The object already under the artifact's key, when it may stand for the artifact (see
     * {@link ReuseCheck}); re-encrypted in place first when only its encryption differs. Empty,
     * with one warning line when an object is there, when the artifact must be uploaded.
     */
    private Optional<Stored> reuse(PlannedArtifact artifact, ArtifactDestination destination) {
        String key = artifact.location().key();
        Optional<StoredObject> existing = store.existing(destination, key);
        if (existing.isEmpty()) {
            return Optional.empty();
        }
        ObjectEncryption wanted = store.encryptionFor(destination);
        ReuseCheck check = ReuseCheck.of(existing.get(), artifact.payload(), wanted);
        if (check instanceof ReuseCheck.Reuse) {
            listener.on(StageEvent.info("Reused " + artifact.location().uri() + " for " + describe(artifact)));
            return Optional.of(new Stored(existing.get().size(), ManifestEntry.Status.REUSED));
        }
        if (check instanceof ReuseCheck.Reencrypt reencrypt && store.reencrypt(destination, key, existing.get().size())) {
            listener.on(StageEvent.info("Reused " + artifact.location().uri() + " for " + describe(artifact)
                    + ", copied in place from " + reencrypt.from().describe() + " to " + wanted.describe()));
            return Optional.of(new Stored(existing.get().size(), ManifestEntry.Status.REUSED));
        }
        String reason = check instanceof ReuseCheck.Replace replace ? replace.reason()
                : "it is encrypted with " + ((ReuseCheck.Reencrypt) check).from().describe() + " and too large to copy";
        listener.on(StageEvent.warn("Uploading " + artifact.location().uri() + " again: the object there is not"
                + " the artifact samstage builds for " + describe(artifact) + " (" + reason + ")."));
        return Optional.empty();
    }

    private static String describe(PlannedArtifact artifact) {
        return artifact.site().resource() + "." + artifact.site().property() + " (" + artifact.localPath() + ")";
    }

    private static Stored await(Future<Stored> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PackagingException("Interrupted while storing artifacts", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static Path workDirectory(Path outputDir) {
        try {
            Files.createDirectories(outputDir);
            return Files.createTempDirectory(outputDir, ".artifacts-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a work directory in " + outputDir, e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void delete(Path path) {
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException ignored) {
            // a leftover temporary file in target/ is harmless; so is one that an upload still
            // running after another one failed deletes itself while this walks the directory
            // (the walk then fails with NoSuchFileException, which must not hide that failure)
        }
    }
}
