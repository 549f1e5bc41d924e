package dev.samstage.maven;

import dev.samstage.core.aws.AwsClientFactory;
import dev.samstage.core.packaging.ArchiveContent;
import dev.samstage.core.packaging.ArtifactDestination;
import dev.samstage.core.packaging.S3ArtifactStore;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.apache.maven.execution.MavenExecutionRequest;

/**
 * A stage's S3 artifact store started by the validate goal, ahead of the package goal.
 *
 * <p>In {@code package-stage} the validate goal runs before Maven compiles and tests the
 * service. When the session goes on to package for an AWS stage, validate starts the store
 * here, in the background: the AWS SDK's start-up (HTTP client and S3 client, about a second
 * of class loading in a fresh JVM), the bucket check and the JVM's compiling of SHA-256 then
 * overlap the build instead of following it. The package goal {@link #take takes} the store
 * over and closes it; a store that nobody takes (the build failed before packaging) is closed
 * when the session ends ({@link SessionEndCleanup}) or when a later build in the same JVM
 * starts one.</p>
 *
 * <p>Nothing here fails the validate goal: a store that cannot start is started again by the
 * package goal, which reports the problem with its usual message.</p>
 */
final class EarlyArtifactStores {

    /**
     * The build and what the S3 client depends on: its region and endpoint override. The build
     * is its execution request, which every copy of the session shares (a parallel build gives
     * each module its own copy).
     */
    private record Key(MavenExecutionRequest build, String region, Optional<URI> endpoint) {
    }

    private static final Map<Key, CompletableFuture<StoreLease>> STARTED = new ConcurrentHashMap<>();

    private EarlyArtifactStores() {
    }

    /**
     * Starts the store for {@code region} and {@code endpoint} in the background and checks
     * {@code destination}'s bucket with it; returns at once.
     */
    static void start(MavenExecutionRequest build, String region, Optional<URI> endpoint,
                      ArtifactDestination destination) {
        closeOtherBuilds(build);
        STARTED.computeIfAbsent(new Key(build, region, endpoint), key -> CompletableFuture.supplyAsync(() -> {
            StoreLease lease = StoreLease.open(region, endpoint);
            lease.store().prepare(destination);
            ArchiveContent.warmUpHashing(); // the package goal's first work is hashing the code
            return lease;
        }, runnable -> {
            Thread thread = new Thread(runnable, "samstage-s3-early-start");
            thread.setDaemon(true);
            thread.start();
        }));
    }

    /** The store started for this build, region and endpoint, now owned by the caller; else a new one. */
    static StoreLease take(MavenExecutionRequest build, String region, Optional<URI> endpoint) {
        CompletableFuture<StoreLease> started = STARTED.remove(new Key(build, region, endpoint));
        if (started != null) {
            try {
                return started.join();
            } catch (CompletionException e) {
                // it failed to start with the same inputs: starting again reports the problem where it happens
            }
        }
        return StoreLease.open(region, endpoint);
    }

    /** Whether a store was started for this build, region and endpoint and not taken yet. */
    static boolean started(MavenExecutionRequest build, String region, Optional<URI> endpoint) {
        return STARTED.containsKey(new Key(build, region, endpoint));
    }

    /** Closes every store of {@code build} that was not taken. */
    static void closeAll(MavenExecutionRequest build) {
        closeWhere(key -> key.build() == build);
    }

    private static void closeOtherBuilds(MavenExecutionRequest current) {
        closeWhere(key -> key.build() != current);
    }

    private static void closeWhere(Predicate<Key> which) {
        STARTED.forEach((key, store) -> {
            if (which.test(key) && STARTED.remove(key, store)) {
                store.thenAccept(StoreLease::close);
            }
        });
    }

    /**
     * An S3 artifact store with the client factory it owns; closing it closes both. While it is
     * open, a JVM shutdown hook aborts its multipart uploads in flight, so a build stopped with
     * Ctrl-C (SIGINT) or SIGTERM leaves no incomplete upload in the bucket.
     */
    record StoreLease(AwsClientFactory clients, S3ArtifactStore store, Thread abortOnShutdown) implements AutoCloseable {

        StoreLease {
            Objects.requireNonNull(clients, "clients");
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(abortOnShutdown, "abortOnShutdown");
        }

        /** A store on the build's own credentials (the default chain) for {@code region}. */
        static StoreLease open(String region, Optional<URI> endpoint) {
            AwsClientFactory clients = AwsClientFactory.create(region, endpoint.orElse(null));
            S3ArtifactStore store = S3ArtifactStore.create(clients);
            Thread hook = new Thread(store::abortInFlight, "samstage-abort-uploads");
            Runtime.getRuntime().addShutdownHook(hook);
            return new StoreLease(clients, store, hook);
        }

        @Override
        public void close() {
            try {
                Runtime.getRuntime().removeShutdownHook(abortOnShutdown);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to: it aborts what is in flight
            }
            try {
                store.close();
            } finally {
                clients.close();
            }
        }
    }
}
