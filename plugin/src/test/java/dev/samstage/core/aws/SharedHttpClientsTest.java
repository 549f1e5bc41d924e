package dev.samstage.core.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;

/** The HTTP clients a root factory and the factories derived from it share (no AWS calls are made). */
class SharedHttpClientsTest {

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test-access-key", "test-secret-key"));

    @Test
    void everyFactorySharingTheClientsGetsTheSameInstanceOfEach() {
        SdkHttpClients root = new SdkHttpClients();
        SdkHttpClients derived = root.share();

        assertThat(derived.control()).isSameAs(root.control());
        assertThat(derived.transfer()).isSameAs(root.transfer());
        assertThat(root.control()).isNotSameAs(root.transfer());
        derived.release();
        root.release();
    }

    @Test
    void theClientsStayOpenUntilTheLastFactorySharingThemReleasesThem() {
        SdkHttpClients root = new SdkHttpClients();
        SdkHttpClients derived = root.share();

        root.release();
        assertThat(derived.control()).isNotNull();

        derived.release();
        assertThatThrownBy(derived::control).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(root::share).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aControlClientStartedInTheBackgroundIsTheOneHandedOut() {
        SdkHttpClients clients = new SdkHttpClients();

        clients.prepareControl();
        SdkHttpClient first = clients.control();
        clients.prepareControl();

        assertThat(clients.control()).isSameAs(first);
        clients.release();
        clients.prepareControl(); // a hint only: nothing to start once closed, and no failure
    }

    @Test
    void aDerivedFactoryOutlivesItsRootAndClosingAFactoryTwiceReleasesItOnce() {
        AwsClientFactory root = AwsClientFactory.create("us-east-1", CREDENTIALS, URI.create("http://localhost:1"));
        AwsClientFactory derived = root.with("eu-west-1", CREDENTIALS);

        root.close();
        root.close();
        try (CloudFormationClient cfn = derived.cloudFormation()) {
            assertThat(cfn).isNotNull();
        }

        derived.close();
        assertThatThrownBy(derived::cloudFormation).isInstanceOf(IllegalStateException.class);
    }
}
