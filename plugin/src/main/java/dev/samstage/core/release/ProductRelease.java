package dev.samstage.core.release;

import dev.samstage.core.aws.AwsClientFactory;
import dev.samstage.core.events.StageEvent;
import dev.samstage.core.events.StageListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.ActionState;
import software.amazon.awssdk.services.codepipeline.model.ApprovalStatus;
import software.amazon.awssdk.services.codepipeline.model.CodePipelineException;
import software.amazon.awssdk.services.codepipeline.model.PipelineSummary;
import software.amazon.awssdk.services.codepipeline.model.StageState;

/**
 * Approves or rejects one stage for every service pipeline of a product at once, through
 * CodePipeline's approval API. Service pipelines are the pipelines whose names start with the
 * product prefix; the approval of stage {@code <env>} is the manual action {@code Approve-<env>}.
 *
 * <p>Approving is all or nothing: when a service has no pending approval for the stage, nothing
 * is approved, because the product would reach the stage without it. A rejection stays with
 * the services it names: the other services' approvals stay pending.</p>
 */
public final class ProductRelease implements AutoCloseable {

    private static final int SUMMARY_LIMIT = 512;

    private final CodePipelineClient codePipeline;
    private final StageListener listener;
    private final boolean ownsClient;

    /** Uses {@code codePipeline}, which the caller keeps and closes. */
    public ProductRelease(CodePipelineClient codePipeline, StageListener listener) {
        this(codePipeline, listener, false);
    }

    private ProductRelease(CodePipelineClient codePipeline, StageListener listener, boolean ownsClient) {
        this.codePipeline = Objects.requireNonNull(codePipeline, "codePipeline");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.ownsClient = ownsClient;
    }

    /** Talks to the pipelines reachable with {@code clients} (the build account); close it when done. */
    public static ProductRelease open(AwsClientFactory clients, StageListener listener) {
        return new ProductRelease(clients.codePipeline(), listener, true);
    }

    @Override
    public void close() {
        if (ownsClient) {
            codePipeline.close();
        }
    }

    /** The approval action's name for {@code stage} by convention. */
    public static String approvalAction(String stage) {
        return "Approve-" + stage;
    }

    /** Approves {@code stage} in every pipeline of the product (or of {@code services}, when not empty). */
    public List<PipelineApproval> approve(String productPrefix, String stage, Set<String> services, String who, String why) {
        List<Pending> pending = new ArrayList<>();
        List<String> without = new ArrayList<>();
        for (String pipeline : pipelines(productPrefix, services)) {
            Optional<Pending> p = pendingApproval(pipeline, stage);
            if (p.isPresent()) {
                pending.add(p.get());
            } else {
                without.add(pipeline);
            }
        }
        if (!without.isEmpty()) {
            throw new ReleaseException("Stage " + stage + " of product " + productPrefix + " is not approved: "
                    + String.join(", ", without) + " has no pending " + approvalAction(stage)
                    + " approval; wait until every service pipeline reaches it, or limit -Dsamstage.services.");
        }
        return decide(pending, ApprovalStatus.APPROVED, who, why);
    }

    /** Rejects {@code stage} in the named service pipelines only; {@code why} is required. */
    public List<PipelineApproval> reject(String productPrefix, String stage, Set<String> services, String who, String why) {
        if (services == null || services.isEmpty()) {
            throw new ReleaseException("Name the services whose " + stage + " release is rejected with -Dsamstage.services="
                    + productPrefix + "-<service>[,...]: a rejection stays with those services.");
        }
        if (why == null || why.isBlank()) {
            throw new ReleaseException("Rejecting stage " + stage + " needs a reason: add -Dsamstage.reason=\"...\".");
        }
        List<Pending> pending = new ArrayList<>();
        List<PipelineApproval> results = new ArrayList<>();
        for (String pipeline : pipelines(productPrefix, services)) {
            Optional<Pending> p = pendingApproval(pipeline, stage);
            if (p.isPresent()) {
                pending.add(p.get());
            } else {
                results.add(new PipelineApproval(pipeline, approvalAction(stage), PipelineApproval.Outcome.NOTHING_PENDING,
                        "no pending " + approvalAction(stage) + " approval"));
            }
        }
        results.addAll(decide(pending, ApprovalStatus.REJECTED, who, why));
        return results;
    }

    private List<String> pipelines(String productPrefix, Set<String> services) {
        if (productPrefix == null || productPrefix.isBlank()) {
            throw new ReleaseException("No product prefix: set -Dsamstage.product=<prefix> (service pipelines are named <prefix>-<service>).");
        }
        List<String> names = new ArrayList<>();
        for (PipelineSummary p : codePipeline.listPipelinesPaginator(b -> { }).pipelines()) {
            if (p.name().startsWith(productPrefix)) {
                names.add(p.name());
            }
        }
        names.sort(String::compareTo);
        if (services != null && !services.isEmpty()) {
            List<String> unknown = services.stream().filter(s -> !names.contains(s)).sorted().toList();
            if (!unknown.isEmpty()) {
                throw new ReleaseException("-Dsamstage.services names " + unknown + ", which are not pipelines of product "
                        + productPrefix + " (found: " + names + ").");
            }
            names.retainAll(services);
        }
        if (names.isEmpty()) {
            throw new ReleaseException("No pipeline name starts with product prefix '" + productPrefix
                    + "' in this account and region; check -Dsamstage.product and AWS_REGION.");
        }
        return names;
    }

    private Optional<Pending> pendingApproval(String pipeline, String stage) {
        String action = approvalAction(stage);
        for (StageState s : codePipeline.getPipelineState(b -> b.name(pipeline)).stageStates()) {
            for (ActionState a : s.actionStates()) {
                if (action.equals(a.actionName()) && a.latestExecution() != null
                        && "InProgress".equals(a.latestExecution().statusAsString()) && a.latestExecution().token() != null) {
                    return Optional.of(new Pending(pipeline, s.stageName(), action, a.latestExecution().token()));
                }
            }
        }
        return Optional.empty();
    }

    private List<PipelineApproval> decide(List<Pending> pending, ApprovalStatus status, String who, String why) {
        if (who == null || who.isBlank()) {
            throw new ReleaseException("Who decides is not known: set -Dsamstage.approver=<name>.");
        }
        String summary = who.trim() + (why == null || why.isBlank() ? "" : ": " + why.trim());
        String sent = summary.length() > SUMMARY_LIMIT ? summary.substring(0, SUMMARY_LIMIT) : summary;
        PipelineApproval.Outcome done = status == ApprovalStatus.APPROVED
                ? PipelineApproval.Outcome.APPROVED : PipelineApproval.Outcome.REJECTED;
        List<PipelineApproval> results = new ArrayList<>();
        for (Pending p : pending) {
            try {
                codePipeline.putApprovalResult(b -> b.pipelineName(p.pipeline()).stageName(p.stage()).actionName(p.action())
                        .token(p.token()).result(r -> r.status(status).summary(sent)));
                results.add(new PipelineApproval(p.pipeline(), p.action(), done, sent));
                listener.on(StageEvent.info(done + " " + p.pipeline() + " " + p.action() + " (" + sent + ")"));
            } catch (CodePipelineException e) {
                // one service's expired or already decided approval must not hide what happened to the others
                String reason = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
                results.add(new PipelineApproval(p.pipeline(), p.action(), PipelineApproval.Outcome.FAILED, reason));
                listener.on(StageEvent.error(p.pipeline() + " " + p.action() + " failed: " + reason));
            }
        }
        return results;
    }

    private record Pending(String pipeline, String stage, String action, String token) {
    }
}
