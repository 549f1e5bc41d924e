package dev.samstage.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.samstage.core.packaging.ArtifactDestination;
import dev.samstage.core.packaging.PackagingException;
import dev.samstage.testing.aws.LocalAws;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.maven.execution.DefaultMavenExecutionRequest;
import org.apache.maven.execution.MavenExecutionRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

class EarlyArtifactStoresTest {

    private static final String REGION = "us-east-1";

    @TempDir
    Path temp;

    private final MavenExecutionRequest build = new DefaultMavenExecutionRequest();
    private Optional<URI> endpoint;

    @BeforeEach
    void anEmulatorWithOneBucket() {
        LocalAws aws = LocalAws.get();
        aws.reset();
        endpoint = Optional.of(aws.endpoint());
        System.setProperty("aws.accessKeyId", LocalAws.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", LocalAws.SECRET_KEY);
        try (S3Client s3 = S3Client.builder().region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .endpointOverride(aws.endpoint()).forcePathStyle(true).build()) {
            s3.createBucket(b -> b.bucket("artifacts"));
        }
    }

    @AfterEach
    void forgetTheBuild() {
        EarlyArtifactStores.closeAll(build);
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void thePackageGoalTakesOverTheStoreTheValidateGoalStarted() throws Exception {
        EarlyArtifactStores.start(build, REGION, endpoint, destination("artifacts"));
        assertThat(EarlyArtifactStores.started(build, REGION, endpoint)).isTrue();

        try (EarlyArtifactStores.StoreLease lease = EarlyArtifactStores.take(build, REGION, endpoint)) {
            lease.store().checkDestination(destination("artifacts"));
            long sent = lease.store().put(destination("artifacts"), "svc/a.txt",
                    Files.writeString(temp.resolve("a.txt"), "hello"), event -> { });
            assertThat(sent).isEqualTo(5);
        }
        assertThat(EarlyArtifactStores.started(build, REGION, endpoint)).as("taken once, then gone").isFalse();
    }

    @Test
    void aBucketProblemFoundEarlyIsReportedByThePackageGoal() {
        EarlyArtifactStores.start(build, REGION, endpoint, destination("no-such-bucket"));

        try (EarlyArtifactStores.StoreLease lease = EarlyArtifactStores.take(build, REGION, endpoint)) {
            assertThatThrownBy(() -> lease.store().checkDestination(destination("no-such-bucket")))
                    .isInstanceOf(PackagingException.class)
                    .hasMessage("The artifact bucket 'no-such-bucket' does not exist; create it or set -Dsamstage.bucket"
                            + " (or the stage's bucket) to an existing one.");
        }
    }

    @Test
    void aStoreForAnotherRegionOrEndpointIsNotTakenButANewOneStarted() throws Exception {
        EarlyArtifactStores.start(build, REGION, endpoint, destination("artifacts"));

        try (EarlyArtifactStores.StoreLease lease = EarlyArtifactStores.take(build, "eu-west-1", endpoint)) {
            assertThat(lease.store()).isNotNull();
        }
        assertThat(EarlyArtifactStores.started(build, REGION, endpoint)).isTrue();
        assertThat(EarlyArtifactStores.started(build, REGION, Optional.empty())).isFalse();
    }

    @Test
    void storesNobodyTookAreClosedWhenTheBuildEndsOrAnotherBuildStarts() {
        MavenExecutionRequest next = new DefaultMavenExecutionRequest();
        EarlyArtifactStores.start(build, REGION, endpoint, destination("artifacts"));
        EarlyArtifactStores.start(next, REGION, endpoint, destination("artifacts"));
        assertThat(EarlyArtifactStores.started(build, REGION, endpoint)).as("closed: another build started").isFalse();

        EarlyArtifactStores.closeAll(next);

        assertThat(EarlyArtifactStores.started(next, REGION, endpoint)).isFalse();
    }

    private static ArtifactDestination destination(String bucket) {
        return new ArtifactDestination(bucket, "svc", Optional.empty());
    }
}
