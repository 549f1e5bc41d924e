package dev.samstage.core.deploy;

import dev.samstage.core.aws.AwsClientFactory;
import dev.samstage.core.time.Sleeper;
import dev.samstage.core.config.StagePropertyNames;
import dev.samstage.core.deploy.DeployResult.Outcome;
import dev.samstage.core.deploy.DeployResult.RegionResult;
import dev.samstage.core.events.StageEvent;
import dev.samstage.core.events.StageListener;
import dev.samstage.core.template.Template;
import dev.samstage.testkit.EmulatorApiUrl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.CreateChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/**
 * Deploys the packaged template to one region of a stage with credentials already acting in
 * the stage account: settle the stack (wait while busy, replace a failed first create),
 * create a change set, show it, stop for approval or execute it, follow the stack to its end
 * and read its outputs. When another deployment of the stage gets its operation in between
 * this one's plan and execution ({@link StackContention}), wait for it and plan again.
 */
final class RegionDeployment {

    /** Longest wait for a stack busy with another operation. */
    static final Duration DEFAULT_BUSY_WAIT = Duration.ofMinutes(30);
    /** Longest wait for our own operation (CloudFormation's own limits are longer only for custom resources). */
    static final Duration OPERATION_WAIT = Duration.ofHours(3);
    /** Plans made at most when other operations keep getting in before ours executes. */
    static final int MAX_PLANS = 5;

    private final DeployRequest request;
    private final String region;
    private final Template template;
    private final String templateText;
    private final Optional<String> templateUrl;
    private final String sha256;
    private final TemplateConfiguration configuration;
    private final CloudFormationClient cfn;
    private final StageListener listener;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration busyWait;
    private final String label;
    private final AwsClientFactory clients;
    private final ExecutionFollower follower;

    RegionDeployment(DeployRequest request, String region, Template template, String templateText,
                     Optional<String> templateUrl, TemplateConfiguration configuration, CloudFormationClient cfn,
                     StageListener listener, Clock clock, Sleeper sleeper, Duration busyWait, boolean labelRegion,
                     AwsClientFactory clients, ExecutionFollower follower) {
        this.request = request;
        this.clients = clients;
        this.follower = follower;
        this.region = region;
        this.template = template;
        this.templateText = templateText;
        this.templateUrl = templateUrl;
        // what the approval gate compares: the template exactly as this region receives it
        this.sha256 = TemplateDigest.sha256Hex(templateText);
        this.configuration = configuration;
        this.cfn = cfn;
        this.clock = clock;
        this.sleeper = sleeper;
        this.busyWait = busyWait;
        this.label = labelRegion ? region : "";
        this.listener = labelRegion
                ? event -> listener.on(event instanceof StackEventLine ? event
                        : new StageEvent.Note(event.severity(), "[" + region + "] " + event.message()))
                : listener;
    }

    /** The result, and the change set to record (when one was created or executed). */
    record Run(RegionResult result, Optional<ChangeSetSummary> changeSet) {
    }

    private String stackName() {
        return request.env().stackName();
    }

    Run run(Optional<String> reviewedChangeSet) {
        if (reviewedChangeSet.isPresent()) {
            return executeReviewed(reviewedChangeSet.get());
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return planAndExecute();
            } catch (StackContention contention) {
                if (attempt == MAX_PLANS) {
                    throw contention.persisting(stackName(), region, attempt);
                }
                // another deployment of this stage executed first: once its operation is over,
                // planning again finds what is left to do (usually nothing), never executing twice
                listener.on(StageEvent.warn("Another operation on stack " + stackName() + " in " + region
                        + " got in before this deployment executed (" + RegionDeployment.reason(
                        (CloudFormationException) contention.getCause()) + "); waiting for it, then planning again."));
            }
        }
    }

    private Run planAndExecute() {
        Optional<Stack> stack = new StackReadiness(cfn, listener, this::watcher, region, busyWait).prepare(stackName());
        ChangeSetType type = stack.isEmpty() || "REVIEW_IN_PROGRESS".equals(stack.get().stackStatusAsString())
                ? ChangeSetType.CREATE : ChangeSetType.UPDATE;
        Set<String> existingParameters = type == ChangeSetType.UPDATE
                ? stack.get().parameters().stream().map(Parameter::parameterKey).collect(Collectors.toSet()) : Set.of();
        Map<String, String> overrides = request.env().parameterOverrides();
        List<Parameter> parameters = StackParameters.resolve(template, configuration.parameters(), overrides,
                existingParameters, stackName(), listener);
        Map<String, String> current = new LinkedHashMap<>();
        if (type == ChangeSetType.UPDATE) {
            stack.get().parameters().forEach(p -> current.put(p.parameterKey(), p.parameterValue()));
        }
        ChangeSetPlan plan = ChangeSetPlan.of(request, template, templateText, templateUrl, sha256, type, parameters,
                StackParameters.effective(template, parameters, current), configuration, clock.instant());
        if (type == ChangeSetType.UPDATE && unchanged(stack.get(), plan, parameters)) {
            return noChanges(Optional.empty(), stack);
        }
        Optional<ChangeSetSummary> created = createChangeSet(plan);
        if (created.isEmpty() || created.get().empty()) {
            return noChanges(created, Optional.empty());
        }
        ChangeSetSummary changeSet = created.get();
        show(changeSet);
        if (request.env().requiresApproval()) {
            listener.on(StageEvent.warn("Change set " + changeSet.id() + " for stack " + stackName() + " in " + region
                    + " awaits approval; nothing was executed."));
            return new Run(new RegionResult(region, stackName(), stackId(), Outcome.AWAITING_APPROVAL,
                    Optional.of(changeSet.id()), Optional.empty(), Map.of()), Optional.of(changeSet));
        }
        return execute(changeSet, type == ChangeSetType.CREATE ? Outcome.CREATED : Outcome.UPDATED, true);
    }

    /**
     * Whether the stack already runs exactly this deployment, so that no change set is needed: it
     * ended its last operation in success (not a rollback, which restores the previous tags too,
     * nor a failure), its digest tag is this deployment's, and nothing in the template is looked
     * up again by CloudFormation at each deployment.
     */
    private boolean unchanged(Stack stack, ChangeSetPlan plan, List<Parameter> parameters) {
        if (!StackState.succeeded(stack.stackStatusAsString())
                || !DeploymentDigest.on(stack).filter(plan.deploymentDigest()::equals).isPresent()) {
            return false;
        }
        Optional<String> resolved = ResolvedAtDeploy.reason(template, templateText)
                .map(r -> "the template has " + r + ", which CloudFormation resolves again at each deployment")
                .or(() -> Optional.of(StackParameters.noEchoGiven(template, parameters)).filter(n -> !n.isEmpty())
                        .map(n -> "NoEcho parameter" + (n.size() == 1 ? " " : "s ") + String.join(", ", n)
                                + (n.size() == 1 ? " is" : " are") + " given a value the stack does not show"));
        if (resolved.isPresent()) {
            listener.on(StageEvent.info("Stack " + stackName() + " in " + region + " was deployed with the same inputs, but "
                    + resolved.get() + "; creating a change set to find out what changed."));
            return false;
        }
        return true;
    }

    private Optional<ChangeSetSummary> createChangeSet(ChangeSetPlan plan) {
        ChangeSetType type = plan.type();
        listener.on(StageEvent.info("Creating " + type + " change set " + plan.name() + " for stack " + stackName() + " in "
                + region + " (capabilities: " + (plan.capabilities().isEmpty() ? "none" : String.join(", ", plan.capabilities()))
                + ")."));
        CreateChangeSetResponse created;
        try {
            created = cfn.createChangeSet(plan.toRequest());
        } catch (CloudFormationException e) {
            String reason = reason(e);
            if (EmptyChangeSet.isEmptyReason(reason)) {
                return Optional.empty();
            }
            StackContention.of(e, stackName(), region).ifPresent(c -> {
                throw c;
            });
            throw new DeployException("CloudFormation rejected the change set for stack " + stackName() + " in " + region
                    + ": " + reason + "; nothing was executed. Fix the template or its parameters.", e);
        }
        ChangeSetSummary summary;
        try {
            summary = awaitChangeSet(created.id());
        } catch (CloudFormationException e) {
            throw StackContention.of(e, stackName(), region).orElseThrow(() -> e);
        }
        if ("FAILED".equals(summary.status()) && !summary.empty()) {
            throw new DeployException("CloudFormation could not create the change set for stack " + stackName() + " in "
                    + region + ": " + summary.statusReason() + "; nothing was executed. Fix the template or its parameters.");
        }
        return Optional.of(summary);
    }

    private ChangeSetSummary awaitChangeSet(String id) {
        Duration delay = PollSchedule.STATUS.initial();
        Instant deadline = clock.instant().plus(busyWait);
        while (true) {
            ChangeSetSummary s = ChangeSetSummary.describe(cfn, id, null, region);
            if (!s.status().endsWith("_PENDING") && !s.status().endsWith("_IN_PROGRESS")) {
                return s;
            }
            if (clock.instant().isAfter(deadline)) {
                throw new DeployException("Change set " + id + " is still " + s.status() + " after " + busyWait.toMinutes()
                        + " min; look at it in the CloudFormation console.");
            }
            pause(delay);
            delay = PollSchedule.STATUS.next(delay);
        }
    }

    /** @param described the stack as just described, when that answer is still current */
    private Run noChanges(Optional<ChangeSetSummary> emptyChangeSet, Optional<Stack> described) {
        emptyChangeSet.ifPresent(this::deleteChangeSet);
        if (request.failOnEmptyChangeSet()) {
            throw new DeployException("No changes to deploy to stack " + stackName() + " in " + region + " and -D"
                    + StagePropertyNames.FAIL_ON_EMPTY_CHANGE_SET + "=true; change the template or parameters, or drop the flag.");
        }
        listener.on(StageEvent.info("No changes to stack " + stackName() + " in " + region + "; nothing to execute."));
        Stack stack = described.or(() -> StackState.describe(cfn, stackName())).orElseThrow();
        Map<String, String> outputs = outputs(stack);
        return new Run(new RegionResult(region, stackName(), Optional.of(stack.stackId()), Outcome.NO_CHANGES,
                Optional.empty(), endpoint(outputs), outputs), emptyChangeSet);
    }

    private void show(ChangeSetSummary cs) {
        listener.on(StageEvent.info("Change set " + cs.name() + " for stack " + stackName() + " in " + region + ": "
                + cs.changes().size() + " change" + (cs.changes().size() == 1 ? "" : "s")));
        cs.table().forEach(line -> listener.on(StageEvent.info(line)));
    }

    private Run executeReviewed(String changeSetId) {
        ChangeSetSummary cs;
        try {
            cs = ChangeSetSummary.describe(cfn, changeSetId, changeSetId.startsWith("arn:") ? null : stackName(), region);
        } catch (CloudFormationException e) {
            throw new DeployException("Change set -D" + StagePropertyNames.CHANGE_SET + "=" + changeSetId + " cannot be found "
                    + "for stack " + stackName() + " in " + region + " (" + reason(e) + "); run the deploy without it to "
                    + "create a new change set.", e);
        }
        ReviewedChangeSet.verify(cs, changeSetId, stackName(), request.env().name(), sha256, request.packagedTemplate());
        show(cs);
        Optional<Stack> stack = StackState.describe(cfn, stackName());
        boolean creating = stack.isEmpty() || "REVIEW_IN_PROGRESS".equals(stack.get().stackStatusAsString());
        return execute(cs, creating ? Outcome.CREATED : Outcome.UPDATED, false);
    }

    /** An empty change set is removed; one another operation already removed (or made moot) needs nothing. */
    private void deleteChangeSet(ChangeSetSummary cs) {
        try {
            cfn.deleteChangeSet(r -> r.changeSetName(cs.id()));
        } catch (CloudFormationException e) {
            if (StackContention.of(e, stackName(), region).isEmpty()) {
                throw e;
            }
        }
    }

    /** @param replannable whether another operation getting in first may be answered by planning again */
    private Run execute(ChangeSetSummary cs, Outcome outcome, boolean replannable) {
        StackWatcher watcher = watcher();
        watcher.skipPastEvents(stackName());
        String token = "samstage-" + TemplateDigest.sha256Hex(cs.id()).substring(0, 40);
        follower.beforeExecution(clients, request.env(), listener);
        listener.on(StageEvent.info("Executing change set " + cs.name() + " on stack " + stackName() + " in " + region + "."));
        java.time.Instant started = clock.instant();
        try {
            cfn.executeChangeSet(r -> r.changeSetName(cs.id()).clientRequestToken(token));
        } catch (CloudFormationException e) {
            Optional<StackContention> contention = replannable ? StackContention.of(e, stackName(), region) : Optional.empty();
            if (contention.isPresent()) {
                throw contention.get();
            }
            throw new DeployException("CloudFormation refused to execute change set " + cs.id() + ": " + reason(e)
                    + "; run the deploy again to create a new change set.", e);
        }
        ExecutionFollower.Following following = follower.follow(clients, stackName(), started, listener);
        Stack done = watcher.untilSettled(stackName(), OPERATION_WAIT, "deploying");
        String status = done.stackStatusAsString();
        Optional<String> followed = following.failure();
        if (!StackState.succeeded(status)) {
            String cause = followed.orElseGet(() -> watcher.rootCause(done.stackId()).orElseGet(() ->
                    done.stackStatusReason() == null ? "no resource reported a failure" : done.stackStatusReason()));
            String next = "ROLLBACK_COMPLETE".equals(status)
                    ? "the next deploy deletes the stack and creates it again"
                    : "the previous version is still in place";
            listener.on(StageEvent.error("Root cause: " + cause));
            // the cause is a sentence of its own (a traffic shift summary ends with a full stop): one clause here
            throw new StackFailedException("Stack " + stackName() + " in " + region + " ended in " + status + ": "
                    + cause.replaceAll("\\.+$", "") + "; " + next + ". Fix the cause and deploy again.", status);
        }
        configuration.stackPolicy().ifPresent(policy -> cfn.setStackPolicy(r -> r.stackName(stackName()).stackPolicyBody(policy)));
        Map<String, String> outputs = outputs(done);
        listener.on(StageEvent.info("Stack " + stackName() + " in " + region + " is " + status + "."));
        return new Run(new RegionResult(region, stackName(), Optional.of(done.stackId()), outcome, Optional.of(cs.id()),
                endpoint(outputs), outputs), Optional.of(cs));
    }

    private Map<String, String> outputs(Stack stack) {
        Map<String, String> outputs = new LinkedHashMap<>();
        stack.outputs().forEach(o -> outputs.put(o.outputKey(), o.outputValue()));
        return outputs;
    }

    /** The URL the stage's suite calls; deployed to an emulator, the emulator's data plane for the API. */
    private Optional<String> endpoint(Map<String, String> outputs) {
        Optional<String> url = StageEndpoint.resolve(outputs, cfn, clients, stackName(), region, template);
        return clients.endpoint().isPresent() ? url.map(u -> EmulatorApiUrl.on(clients.endpoint().get(), u)) : url;
    }

    private Optional<String> stackId() {
        return StackState.describe(cfn, stackName()).map(Stack::stackId);
    }

    private StackWatcher watcher() {
        return new StackWatcher(cfn, listener, sleeper, clock, label);
    }

    private void pause(Duration d) {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeployException("Interrupted while waiting for a change set in " + region + ".", e);
        }
    }

    static String reason(CloudFormationException e) {
        return e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
                ? e.awsErrorDetails().errorMessage() : String.valueOf(e.getMessage());
    }
}
