package dev.samstage.core.traffic;

import dev.samstage.core.time.Sleeper;
import dev.samstage.core.events.StageEvent;
import dev.samstage.core.events.StageListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.StackResource;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.DeploymentInfo;
import software.amazon.awssdk.services.codedeploy.model.ListDeploymentsResponse;

/**
 * Watches the CodeDeploy deployments that a CloudFormation stack update starts when it
 * updates a Lambda alias under a {@code CodeDeployLambdaAliasUpdate} policy, and reports
 * their progress and outcome as events.
 *
 * <p>The stack's {@code AWS::CodeDeploy::Application} and {@code AWS::CodeDeploy::DeploymentGroup}
 * resources (DescribeStackResources) name what to watch; deployments of those groups created
 * at or after the update began (ListDeployments with a createTimeRange) are the update's.
 * CodeDeploy's own rollback deployments are reported as part of the failure, not watched.
 * Each poll reads the deployment, its Lambda target (traffic weight, lifecycle events) and,
 * once it failed, the group's alarms in ALARM and the stack status; {@link ShiftState} turns
 * that into events. The watch ends when every deployment found has ended and either one
 * failed or the stack is no longer updating.</p>
 *
 * <p>Run it beside the stack event stream (its listener must be thread-safe), or after the
 * stack update to report what happened.</p>
 */
public final class TrafficShiftWatcher {

    private static final String ROLLBACK_CREATOR = "codeDeployRollback";

    private final CodeDeployClient codeDeploy;
    private final CloudFormationClient cloudFormation;
    private final AlarmReader alarms;
    private final StageListener listener;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration pollInterval;
    private final Duration timeout;
    private final Map<String, TrafficRouting> routings = new HashMap<>();

    public TrafficShiftWatcher(CodeDeployClient codeDeploy, CloudWatchClient cloudWatch, CloudFormationClient cloudFormation,
                               StageListener listener, Clock clock, Sleeper sleeper) {
        this(codeDeploy, cloudWatch, cloudFormation, listener, clock, sleeper, Duration.ofSeconds(5), Duration.ofHours(2));
    }

    private TrafficShiftWatcher(CodeDeployClient codeDeploy, CloudWatchClient cloudWatch, CloudFormationClient cloudFormation,
                                StageListener listener, Clock clock, Sleeper sleeper, Duration pollInterval, Duration timeout) {
        this.codeDeploy = Objects.requireNonNull(codeDeploy, "codeDeploy");
        this.alarms = new AlarmReader(Objects.requireNonNull(cloudWatch, "cloudWatch"));
        this.cloudFormation = Objects.requireNonNull(cloudFormation, "cloudFormation");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** The same watcher polling every {@code interval} and giving up after {@code limit}. */
    public TrafficShiftWatcher timing(Duration interval, Duration limit) {
        return new TrafficShiftWatcher(codeDeploy, alarms.cloudWatch(), cloudFormation, listener, clock, sleeper, interval, limit);
    }

    /**
     * Watches the traffic shifting of one stack update until it ends.
     *
     * @param stackName     the stack being updated
     * @param updateStarted when the update was started (just before ExecuteChangeSet)
     * @return succeeded, failed (with the CodeDeploy error and alarms) or no deployment
     * @throws TrafficException if the stack cannot be read or the shift outlasts the time limit
     */
    public TrafficShiftOutcome watch(String stackName, Instant updateStarted) {
        List<Group> groups = groups(stackName);
        if (groups.isEmpty()) {
            listener.on(StageEvent.debug("Stack " + stackName + " has no CodeDeploy deployment group: no traffic shifting to watch."));
            return new TrafficShiftOutcome(TrafficShiftOutcome.Result.NO_DEPLOYMENT, stackName, List.of());
        }
        Instant deadline = clock.instant().plus(timeout);
        Map<String, Watched> watched = new LinkedHashMap<>();
        java.util.Set<String> skipped = new java.util.HashSet<>();
        while (true) {
            discover(groups, updateStarted, watched, skipped);
            for (Watched w : watched.values()) {
                if (!w.state.phase().terminal()) {
                    ShiftState.Transition t = w.state.next(observe(w, stackName));
                    w.state = t.state();
                    t.events().forEach(listener::on);
                }
            }
            boolean allEnded = watched.values().stream().allMatch(w -> w.state.phase().terminal());
            boolean anyFailed = watched.values().stream().anyMatch(w -> w.report != null && !w.report.succeeded());
            if (anyFailed && allEnded) {
                return outcome(TrafficShiftOutcome.Result.FAILED, stackName, watched);
            }
            if (allEnded && !stackUpdating(stackName)) {
                return outcome(watched.isEmpty() ? TrafficShiftOutcome.Result.NO_DEPLOYMENT : TrafficShiftOutcome.Result.SUCCEEDED,
                        stackName, watched);
            }
            if (clock.instant().isAfter(deadline)) {
                throw new TrafficException("Traffic shifting of stack " + stackName + " still runs after " + timeout.toMinutes()
                        + " minutes (deployments " + String.join(", ", watched.keySet()) + "); see 'aws deploy get-deployment'"
                        + " and the stack's events, then run the deploy again when it has ended.");
            }
            try {
                sleeper.sleep(pollInterval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TrafficException("Watching the traffic shift of stack " + stackName + " was interrupted;"
                        + " CodeDeploy goes on without us: check 'aws deploy list-deployments'.", e);
            }
        }
    }

    private List<Group> groups(String stackName) {
        List<StackResource> resources;
        try {
            resources = cloudFormation.describeStackResources(r -> r.stackName(stackName)).stackResources();
        } catch (SdkException e) {
            throw new TrafficException("Cannot read the resources of stack " + stackName + " to find its CodeDeploy"
                    + " deployment groups (" + e.getMessage() + "); check the stack name and the role's"
                    + " cloudformation:DescribeStackResources permission.", e);
        }
        List<String> applications = physicalIds(resources, "AWS::CodeDeploy::Application");
        List<String> groupNames = physicalIds(resources, "AWS::CodeDeploy::DeploymentGroup");
        List<Group> groups = new ArrayList<>();
        for (String application : applications) {
            // a group's application is not in DescribeStackResources; ask CodeDeploy which groups it holds
            for (String group : deploymentGroupsOf(application)) {
                if (groupNames.contains(group)) {
                    groups.add(new Group(application, group));
                }
            }
        }
        return groups;
    }

    private static List<String> physicalIds(List<StackResource> resources, String type) {
        return resources.stream().filter(r -> type.equals(r.resourceType()) && r.physicalResourceId() != null)
                .map(StackResource::physicalResourceId).toList();
    }

    private List<String> deploymentGroupsOf(String application) {
        List<String> names = new ArrayList<>();
        String token = null;
        do {
            String page = token;
            var r = codeDeploy.listDeploymentGroups(b -> b.applicationName(application).nextToken(page));
            names.addAll(r.deploymentGroups());
            token = r.nextToken();
        } while (token != null && !token.isEmpty());
        return names;
    }

    private void discover(List<Group> groups, Instant updateStarted, Map<String, Watched> watched, java.util.Set<String> skipped) {
        for (Group group : groups) {
            String token = null;
            do {
                String page = token;
                ListDeploymentsResponse r = codeDeploy.listDeployments(b -> b.applicationName(group.application())
                        .deploymentGroupName(group.name()).createTimeRange(t -> t.start(updateStarted)).nextToken(page));
                List<String> fresh = r.deployments().stream().filter(id -> !watched.containsKey(id) && !skipped.contains(id)).toList();
                if (!fresh.isEmpty()) {
                    for (DeploymentInfo info : codeDeploy.batchGetDeployments(b -> b.deploymentIds(fresh)).deploymentsInfo()) {
                        // rollback deployments belong to the failure they roll back, which reports them
                        if (ROLLBACK_CREATOR.equals(info.creatorAsString())) {
                            skipped.add(info.deploymentId());
                        } else {
                            watched.put(info.deploymentId(), new Watched(info.deploymentId(), group));
                        }
                    }
                }
                token = r.nextToken();
            } while (token != null && !token.isEmpty());
        }
    }

    private DeploymentObservation observe(Watched w, String stackName) {
        DeploymentInfo info = codeDeploy.getDeployment(r -> r.deploymentId(w.id)).deploymentInfo();
        Instant now = clock.instant();
        DeploymentObservation.Builder seen = DeploymentObservation.builder(w.id, info.statusAsString(), now)
                .target(w.group.name());
        TrafficRouting routing = routing(info.deploymentConfigName());
        if (routing != null) {
            seen.routing(routing);
        }
        LambdaTargetReading.read(codeDeploy, w.id).ifPresent(t -> t.applyTo(seen));
        ShiftPhase phase = ShiftPhase.of(info.statusAsString());
        if (phase == ShiftPhase.FAILED || phase == ShiftPhase.STOPPED) {
            List<AlarmState> firing = alarms.inAlarm(alarmNames(w.group));
            String code = info.errorInformation() == null ? "" : info.errorInformation().codeAsString();
            String message = info.errorInformation() == null ? "" : info.errorInformation().message();
            String rollback = info.rollbackInfo() == null ? "" : info.rollbackInfo().rollbackMessage();
            String stackStatus = stackStatus(stackName);
            seen.error(code, message).rollbackMessage(rollback).alarmsInAlarm(firing).stack(stackName, stackStatus);
            DeploymentObservation o = seen.build();
            w.report = new ShiftReport(w.id, w.group.application(), w.group.name(), o.target(), phase, code, message, firing, rollback);
            return o;
        }
        DeploymentObservation o = seen.stack(stackName, "").build();
        if (phase == ShiftPhase.SUCCEEDED) {
            w.report = new ShiftReport(w.id, w.group.application(), w.group.name(), o.target(), phase, "", "", List.of(), "");
        }
        return o;
    }

    private TrafficRouting routing(String configName) {
        if (configName == null) {
            return null;
        }
        return routings.computeIfAbsent(configName, name -> DeploymentPreferenceType.predefinedRouting(name).orElseGet(() -> {
            try {
                return TrafficRouting.of(codeDeploy.getDeploymentConfig(r -> r.deploymentConfigName(name))
                        .deploymentConfigInfo().trafficRoutingConfig()).orElse(null);
            } catch (SdkException e) {
                listener.on(StageEvent.debug("Cannot read deployment configuration " + name + ": " + e.getMessage()));
                return null;
            }
        }));
    }

    private List<String> alarmNames(Group group) {
        var config = codeDeploy.getDeploymentGroup(r -> r.applicationName(group.application()).deploymentGroupName(group.name()))
                .deploymentGroupInfo().alarmConfiguration();
        return config == null ? List.of() : config.alarms().stream().map(a -> a.name()).toList();
    }

    private String stackStatus(String stackName) {
        try {
            return cloudFormation.describeStacks(r -> r.stackName(stackName)).stacks().stream()
                    .findFirst().map(s -> s.stackStatusAsString()).orElse("");
        } catch (SdkException e) {
            return "";
        }
    }

    private boolean stackUpdating(String stackName) {
        return stackStatus(stackName).endsWith("_IN_PROGRESS");
    }

    private static TrafficShiftOutcome outcome(TrafficShiftOutcome.Result result, String stackName, Map<String, Watched> watched) {
        return new TrafficShiftOutcome(result, stackName, watched.values().stream().map(w -> w.report).filter(Objects::nonNull).toList());
    }

    private record Group(String application, String name) {
    }

    /** Mutable bookkeeping of one deployment during a watch. */
    private static final class Watched {
        private final String id;
        private final Group group;
        private ShiftState state = ShiftState.initial();
        private ShiftReport report;

        private Watched(String id, Group group) {
            this.id = id;
            this.group = group;
        }
    }
}
