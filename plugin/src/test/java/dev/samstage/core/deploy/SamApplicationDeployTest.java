package dev.samstage.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.samstage.core.aws.AwsClientFactory;
import dev.samstage.core.config.Environment;
import dev.samstage.core.deploy.DeployResult.Outcome;
import dev.samstage.testing.SamTemplate;
import dev.samstage.testing.aws.LocalAws;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.s3.S3Client;

class SamApplicationDeployTest {

    private static final String SAM_TEMPLATE = SamTemplate.sam()
            .function("OrdersFunction", "s3://orders-artifacts-dev/orders/3f2a.zip", "orders.Handler::handleRequest", "java21")
            .api("ListOrders", "/orders", "get").yaml();

    @RegisterExtension
    final LocalAwsStage stage = new LocalAwsStage();

    @BeforeEach
    void start() throws IOException {
        try (AwsClientFactory dev = stage.account(LocalAwsStage.DEV, "us-east-1"); S3Client s3 = dev.s3()) {
            s3.createBucket(b -> b.bucket("orders-artifacts-dev"));
            s3.putObject(b -> b.bucket("orders-artifacts-dev").key("orders/3f2a.zip"), RequestBody.fromBytes(zip()));
        }
    }

    @Test
    void deploysASamTemplateAndFindsTheStageUrlOfItsImplicitApi() throws Exception {
        DeployResult result = stage.deployer().deploy(stage.request(LocalAwsStage.dev().build(), stage.template(SAM_TEMPLATE)));

        assertThat(result.primary().outcome()).isEqualTo(Outcome.CREATED);
        String restApiId;
        try (AwsClientFactory dev = stage.account(LocalAwsStage.DEV, "us-east-1"); ApiGatewayClient apis = dev.apiGateway()) {
            restApiId = apis.getRestApis().items().get(0).id();
        }
        // the stage URL https://<id>.execute-api.us-east-1.amazonaws.com/Prod, as the local AWS serves it
        String url = LocalAws.get().endpoint() + "/restapis/" + restApiId + "/Prod/_user_request_";
        assertThat(result.primary().endpoint()).contains(url);
        assertThat(new ObjectMapper().readTree(stage.file("outputs.json")).get("endpoint").asText()).isEqualTo(url);
        assertThat(stage.messages()).contains("Creating CREATE change set " + result.primary().changeSetId().orElseThrow()
                .replaceAll(".*:changeSet/([^/]+)/.*", "$1") + " for stack orders-dev in us-east-1 (capabilities: "
                + "CAPABILITY_IAM, CAPABILITY_AUTO_EXPAND).");
        assertThat(stage.messages()).anySatisfy(m -> assertThat(m).matches("  Add +OrdersFunction +AWS::Lambda::Function +-"));
    }

    @Test
    void deploysToASecondRegionFromThatRegionsOwnBucket() {
        try (AwsClientFactory euWest = stage.account(LocalAwsStage.DEV, "eu-west-1"); S3Client s3 = euWest.s3()) {
            s3.createBucket(b -> b.bucket("orders-artifacts-dev-euw1")
                    .createBucketConfiguration(c -> c.locationConstraint("eu-west-1")));
        }
        Environment twoRegions = LocalAwsStage.dev().regions(List.of("us-east-1", "eu-west-1")).bucket("orders-artifacts-dev")
                .regionBuckets(Map.of("eu-west-1", "orders-artifacts-dev-euw1")).build();

        DeployResult result = stage.deployer().deploy(stage.request(twoRegions, stage.template(SAM_TEMPLATE)));

        assertThat(result.regions()).extracting(DeployResult.RegionResult::outcome).containsOnly(Outcome.CREATED);
        try (AwsClientFactory euWest = stage.account(LocalAwsStage.DEV, "eu-west-1");
             S3Client s3 = euWest.s3();
             CloudFormationClient cfn = euWest.cloudFormation()) {
            assertThat(s3.headObject(b -> b.bucket("orders-artifacts-dev-euw1").key("orders/3f2a.zip")).contentLength())
                    .isPositive();
            assertThat(cfn.getTemplate(b -> b.stackName("orders-dev")).templateBody())
                    .contains("s3://orders-artifacts-dev-euw1/orders/3f2a.zip")
                    .doesNotContain("s3://orders-artifacts-dev/");
        }
        try (AwsClientFactory usEast = stage.account(LocalAwsStage.DEV, "us-east-1"); CloudFormationClient cfn = usEast.cloudFormation()) {
            assertThat(cfn.getTemplate(b -> b.stackName("orders-dev")).templateBody()).contains("s3://orders-artifacts-dev/orders/3f2a.zip");
        }
    }

    private static byte[] zip() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("orders/Handler.class"));
            zip.write(new byte[] {(byte) 0xCA, (byte) 0xFE});
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }
}
