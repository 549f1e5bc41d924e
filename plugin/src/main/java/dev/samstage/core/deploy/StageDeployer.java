package dev.samstage.core.deploy;

import dev.samstage.core.time.Sleeper;
import dev.samstage.core.StageException;
import dev.samstage.core.aws.AwsClientFactory;
import dev.samstage.core.aws.RoleSessionName;
import dev.samstage.core.aws.StageAccess;
import dev.samstage.core.config.Environment;
import dev.samstage.core.config.EnvironmentResolver;
import dev.samstage.core.config.StagePropertyNames;
import dev.samstage.core.deploy.DeployResult.RegionResult;
import dev.samstage.core.events.StageEvent;
import dev.samstage.core.events.StageListener;
import dev.samstage.core.template.Template;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Deploys a packaged template to a stage: per region (in parallel when there are several,
 * as CodePipeline's cross-region actions do) assume the stage role, check the account,
 * create a change set, stop for approval or execute it and follow the stack, then write
 * {@code outputs.json} and {@code change-set.json} into the request's output directory.
 *
 * <p>Thread-safe; one instance may serve several deployments.</p>
 */
public final class StageDeployer {

    private final AwsClientFactory base;
    private final StageListener listener;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration busyWait;
    private final Map<String, String> environmentVariables;
    private final ExecutionFollower follower;

    /** A deployer on the system clock. */
    public StageDeployer(AwsClientFactory base, StageListener listener) {
        this(base, listener, Clock.systemUTC(), Sleeper.SYSTEM);
        // every deployment's first call is STS or CloudFormation: their HTTP client starts while the request is read
        base.prepareControlPlane();
    }

    /**
     * @param base     clients with the base credentials (default chain) and endpoint
     * @param listener receives progress, stack events and the change set table
     * @param clock    time source for deadlines and change set names
     * @param sleeper  waits between polls
     */
    public StageDeployer(AwsClientFactory base, StageListener listener, Clock clock, Sleeper sleeper) {
        this(base, listener, clock, sleeper, RegionDeployment.DEFAULT_BUSY_WAIT, System.getenv(), ExecutionFollower.NONE);
    }

    private StageDeployer(AwsClientFactory base, StageListener listener, Clock clock, Sleeper sleeper, Duration busyWait,
                          Map<String, String> environmentVariables, ExecutionFollower follower) {
        this.follower = Objects.requireNonNull(follower, "follower");
        this.base = Objects.requireNonNull(base, "base");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.busyWait = Objects.requireNonNull(busyWait, "busyWait");
        this.environmentVariables = Map.copyOf(environmentVariables);
    }

    /** The same deployer waiting at most {@code wait} for a stack busy with another operation. */
    public StageDeployer withBusyWait(Duration wait) {
        return new StageDeployer(base, listener, clock, sleeper, wait, environmentVariables, follower);
    }

    /** The same deployer reading {@code CODEBUILD_BUILD_ID} from {@code variables} instead of the process. */
    public StageDeployer withEnvironmentVariables(Map<String, String> variables) {
        return new StageDeployer(base, listener, clock, sleeper, busyWait, variables, follower);
    }

    /** The same deployer with {@code follower} following each change set execution (traffic shifting). */
    public StageDeployer following(ExecutionFollower other) {
        return new StageDeployer(base, listener, clock, sleeper, busyWait, environmentVariables, other);
    }

    /**
     * @throws StageException (a {@link DeployException}, {@link StackFailedException} or credentials error)
     *     with a one-line message when the deployment cannot be done or fails
     */
    public DeployResult deploy(DeployRequest request) {
        Environment env = request.env();
        String text;
        try {
            text = Files.readString(request.packagedTemplate());
        } catch (IOException e) {
            throw new DeployException("Cannot read the packaged template " + request.packagedTemplate() + " ("
                    + e.getMessage() + "); run the package goal first.", e);
        }
        Template template = Template.read(request.packagedTemplate());
        TemplateConfiguration configuration = TemplateConfiguration.read(env.templateConfiguration());
        List<String> regions = env.regions();
        Map<String, Optional<String>> changeSets = reviewedChangeSets(request, regions);
        String session = RoleSessionName.of(environmentVariables, System.getProperty("user.name", "user"), request.projectName());
        boolean several = regions.size() > 1;
        if (several) {
            listener.on(StageEvent.info("Deploying stage " + env.name() + " to " + String.join(", ", regions) + " in parallel."));
        }

        List<RegionDeployment.Run> runs = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(regions.size(), r -> {
            Thread t = new Thread(r, "samstage-deploy");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<RegionDeployment.Run>> futures = new ArrayList<>();
            for (String region : regions) {
                futures.add(pool.submit(() -> deployRegion(request, region, template, text, configuration,
                        changeSets.get(region), session, several)));
            }
            List<String> failures = new ArrayList<>();
            RuntimeException first = null;
            for (int i = 0; i < futures.size(); i++) {
                try {
                    runs.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    RuntimeException cause = e.getCause() instanceof RuntimeException re ? re
                            : new DeployException("Deployment to " + regions.get(i) + " failed: " + e.getCause(), e.getCause());
                    first = first == null ? cause : first;
                    failures.add((several ? "[" + regions.get(i) + "] " : "") + cause.getMessage());
                }
            }
            if (failures.size() == 1) {
                throw first;
            }
            if (!failures.isEmpty()) {
                throw new DeployException("Deployment of stage " + env.name() + " failed in " + failures.size() + " regions: "
                        + String.join(" | ", failures), first);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeployException("Interrupted while deploying stage " + env.name() + "; stack operations go on in "
                    + "CloudFormation.", e);
        } finally {
            pool.shutdownNow();
        }

        StageFiles files = new StageFiles(request.outputDir());
        Map<String, ChangeSetSummary> reviewed = new LinkedHashMap<>();
        runs.forEach(run -> run.changeSet().ifPresent(cs -> reviewed.put(run.result().region(), cs)));
        if (!reviewed.isEmpty()) {
            files.writeChangeSets(reviewed);
        }
        List<RegionResult> results = runs.stream().map(RegionDeployment.Run::result).toList();
        DeployResult result = new DeployResult(env.name(), results);
        if (result.awaitingApproval()) {
            String ids = ApprovalFiles.writePending(request.outputDir(), env.name(), results, reviewed);
            listener.on(StageEvent.warn("Stage " + env.name() + " requires approval: review change-set.json in "
                    + request.outputDir() + ", then run the deploy again with -D" + StagePropertyNames.CHANGE_SET + "=" + ids
                    + " to execute exactly that change set."));
        } else {
            ApprovalFiles.clearPending(request.outputDir());
            files.writeOutputs(env.name(), results);
            results.forEach(r -> r.endpoint().ifPresent(url -> listener.on(StageEvent.info(
                    (several ? "[" + r.region() + "] " : "") + "Stage endpoint: " + url))));
        }
        return result;
    }

    private RegionDeployment.Run deployRegion(DeployRequest request, String region, Template template, String text,
                                              TemplateConfiguration configuration,
                                              Optional<String> changeSet, String session, boolean several) {
        Environment env = request.env();
        Optional<String> role = EnvironmentResolver.assumesRole(env)
                ? Optional.of(new EnvironmentResolver(request.projectName()).deploymentRoleArn(env, region))
                : Optional.empty();
        try (StageAccess access = StageAccess.open(base, region, role, env.externalId(), env.accountId(), session, listener);
             CloudFormationClient cfn = access.clients().cloudFormation()) {
            String regionalText = text;
            Optional<String> templateUrl = request.templateUrl();
            String primaryRegion = env.regions().get(0);
            Optional<String> fromBucket = env.bucketFor(primaryRegion);
            Optional<String> toBucket = env.bucketFor(region);
            if (!region.equals(primaryRegion) && fromBucket.isPresent() && toBucket.isPresent()
                    && !fromBucket.equals(toBucket)) {
                try (AwsClientFactory primaryClients = access.clients().with(primaryRegion, access.clients().credentials());
                     S3Client primaryS3 = primaryClients.s3();
                     S3Client regionalS3 = access.clients().s3()) {
                    RegionalArtifacts artifacts = new RegionalArtifacts(primaryS3, regionalS3, fromBucket.get(), toBucket.get(),
                            region, env.kmsKey(), listener);
                    regionalText = artifacts.rewrite(text, template.format(), request.packagedTemplate().toString());
                    if (templateUrl.isPresent()) {
                        templateUrl = Optional.of(artifacts.rewriteTemplateUrl(templateUrl.get(), regionalText));
                    }
                    listener.on(StageEvent.info("[" + region + "] Artifacts of " + fromBucket.get() + " are in "
                            + toBucket.get() + " (" + artifacts.copiedObjects() + " referenced)."));
                }
            }
            return new RegionDeployment(request, region, template, regionalText, templateUrl, configuration, cfn,
                    listener, clock, sleeper, busyWait, several, access.clients(), follower).run(changeSet);
        } catch (AwsServiceException e) {
            throw DeniedCall.of(e, role, region).map(RuntimeException.class::cast).orElse(e);
        }
    }

    /** The reviewed change set per region: an ARN names its region; a plain name applies to every region. */
    private static Map<String, Optional<String>> reviewedChangeSets(DeployRequest request, List<String> regions) {
        Map<String, Optional<String>> out = new LinkedHashMap<>();
        regions.forEach(r -> out.put(r, Optional.empty()));
        if (request.changeSetId().isEmpty()) {
            return out;
        }
        for (String id : request.changeSetId().get().split(",")) {
            String trimmed = id.strip();
            if (!trimmed.startsWith("arn:")) {
                regions.forEach(r -> out.put(r, Optional.of(trimmed)));
                continue;
            }
            String[] parts = trimmed.split(":");
            String region = parts.length > 3 ? parts[3] : "";
            if (!out.containsKey(region)) {
                throw new DeployException("-D" + StagePropertyNames.CHANGE_SET + "=" + trimmed + " is a change set in region '"
                        + region + "', which is not one of stage " + request.env().name() + "'s regions " + regions + ".");
            }
            out.put(region, Optional.of(trimmed));
        }
        List<String> missing = out.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
        if (!missing.isEmpty()) {
            throw new DeployException("-D" + StagePropertyNames.CHANGE_SET + " names no change set for " + String.join(", ", missing)
                    + "; pass the reviewed change set ARN of every region, separated by commas.");
        }
        return out;
    }
}
