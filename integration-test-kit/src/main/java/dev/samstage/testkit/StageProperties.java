package dev.samstage.testkit;

/**
 * Every configuration key the kit reads, in one place.
 *
 * <p>Each key is looked up, in this order, as a JUnit Platform configuration parameter
 * ({@code junit-platform.properties}, Surefire's {@code configurationParameters}, a launcher
 * request), then as a Java system property ({@code -Dsamstage.endpoint=...}), then as the
 * environment variable named beside it, then it takes its default. The stage endpoint has
 * further sources after these: see {@link StageTest}.</p>
 */
public final class StageProperties {

    /** Invoke URL of the stage's API, e.g. {@code https://abc123.execute-api.eu-west-1.amazonaws.com/Prod}. */
    public static final String ENDPOINT = "samstage.endpoint";
    /** Environment variable for {@link #ENDPOINT}. */
    public static final String ENDPOINT_ENV = "SAMSTAGE_ENDPOINT";
    /** CodePipeline-style environment variable for the endpoint, read after {@link #ENDPOINT_ENV}. */
    public static final String API_URL_ENV = "API_URL";

    /** Stage name ({@code dev}, {@code prod}); selects {@code target/samstage/<env>/outputs.json}. */
    public static final String ENV = "samstage.env";
    /** Environment variable for {@link #ENV}. */
    public static final String ENV_ENV = "SAMSTAGE_ENV";

    /** Path prefix added to every request of a spec, unless {@link StageTest#basePath()} sets one. */
    public static final String BASE_PATH = "samstage.basePath";
    /** Environment variable for {@link #BASE_PATH}. */
    public static final String BASE_PATH_ENV = "SAMSTAGE_BASE_PATH";

    /** Project directory the outputs file is found under; default: the working directory. */
    public static final String PROJECT_DIR = "samstage.projectDir";
    /** Explicit outputs file; default {@code <projectDir>/target/samstage/<env>/outputs.json}. */
    public static final String OUTPUTS_FILE = "samstage.outputsFile";

    /** CloudFormation stack whose outputs hold the endpoint; read when nothing else gave one. */
    public static final String STACK_NAME = "samstage.stackName";
    /** Environment variable for {@link #STACK_NAME}. */
    public static final String STACK_NAME_ENV = "SAMSTAGE_STACK_NAME";
    /** Stack output that holds the endpoint; default {@value #DEFAULT_ENDPOINT_OUTPUT}. */
    public static final String ENDPOINT_OUTPUT = "samstage.endpointOutput";
    /** Default of {@link #ENDPOINT_OUTPUT}. */
    public static final String DEFAULT_ENDPOINT_OUTPUT = "ApiUrl";

    /**
     * Lambda Invoke API endpoint where {@link StageFunctions} invoke the functions: the local
     * stage's, which the samstage plugin passes to the suite (or {@code sam local start-lambda}'s);
     * unset for a deployed stage, whose functions are found through its stack.
     */
    public static final String LAMBDA_ENDPOINT = "samstage.lambdaEndpoint";
    /** Environment variable for {@link #LAMBDA_ENDPOINT}. */
    public static final String LAMBDA_ENDPOINT_ENV = "SAMSTAGE_LAMBDA_ENDPOINT";

    /** AWS region for stack outputs, SigV4 and the per-region outputs file. */
    public static final String REGION = "samstage.region";
    /** Environment variables for {@link #REGION}, in order. */
    public static final String REGION_ENV = "AWS_REGION";
    /** Second environment variable for {@link #REGION}. */
    public static final String DEFAULT_REGION_ENV = "AWS_DEFAULT_REGION";
    /** AWS endpoint override for the CloudFormation call (a local AWS emulator). */
    public static final String AWS_ENDPOINT_URL = "samstage.endpointUrl";
    /** Environment variable for {@link #AWS_ENDPOINT_URL}. */
    public static final String AWS_ENDPOINT_URL_ENV = "AWS_ENDPOINT_URL";

    /** API key sent in the {@link #API_KEY_HEADER} header of every request. */
    public static final String API_KEY = "samstage.apiKey";
    /** Environment variable for {@link #API_KEY}. */
    public static final String API_KEY_ENV = "SAMSTAGE_API_KEY";
    /** Header carrying the API key; default {@value #DEFAULT_API_KEY_HEADER}. */
    public static final String API_KEY_HEADER = "samstage.apiKeyHeader";
    /** Default of {@link #API_KEY_HEADER}: API Gateway's header. */
    public static final String DEFAULT_API_KEY_HEADER = "x-api-key";
    /** Bearer token sent as {@code Authorization: Bearer <token>}. */
    public static final String BEARER_TOKEN = "samstage.bearerToken";
    /** Environment variable for {@link #BEARER_TOKEN}. */
    public static final String BEARER_TOKEN_ENV = "SAMSTAGE_BEARER_TOKEN";
    /** {@code true} signs every request with AWS SigV4 (IAM-authorised APIs); default {@code false}. */
    public static final String SIGV4 = "samstage.sigv4";
    /** Environment variable for {@link #SIGV4}. */
    public static final String SIGV4_ENV = "SAMSTAGE_SIGV4";
    /** Signing name for SigV4; default {@value #DEFAULT_SIGV4_SERVICE}. */
    public static final String SIGV4_SERVICE = "samstage.sigv4.service";
    /** Default of {@link #SIGV4_SERVICE}: API Gateway. */
    public static final String DEFAULT_SIGV4_SERVICE = "execute-api";

    /** Path polled before the first test until it answers {@link #READINESS_STATUS}; unset: no wait. */
    public static final String READINESS_PATH = "samstage.readiness.path";
    /** Status the readiness path must answer; default {@code 200}. */
    public static final String READINESS_STATUS = "samstage.readiness.status";
    /** Longest readiness wait (seconds, or ISO-8601 like {@code PT2M}); default {@code 60}. */
    public static final String READINESS_TIMEOUT = "samstage.readiness.timeout";
    /** Pause between readiness polls (seconds, or ISO-8601 like {@code PT0.5S}); default {@code 2}. */
    public static final String READINESS_INTERVAL = "samstage.readiness.interval";

    /** Connect and read timeout of each request (seconds, or ISO-8601); default {@code 30}. */
    public static final String REQUEST_TIMEOUT = "samstage.requestTimeout";

    private StageProperties() {
    }
}
