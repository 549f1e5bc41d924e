package dev.samstage.core.release;

import dev.samstage.core.time.Sleeper;
import dev.samstage.core.events.StageEvent;
import dev.samstage.core.events.StageListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Release semantics across stages, kept in DynamoDB in each stage's account so that builds on
 * different machines agree. A stage holds at most one release under evaluation; while it is
 * neither approved nor rejected no other release enters. Newer releases wait before the stage
 * (in the previous stage, or in the builds' queue before the first), and the newest waiting
 * one supersedes older ones. Approving promotes the release to wait before the next stage;
 * rejecting frees the stage for the release waiting before it.
 *
 * <p>Every change is a conditional write on a versioned item (see {@link LedgerTable}); a
 * writer that loses a race re-reads and decides again, so two builds can never both enter,
 * and an approval and a rejection can never both win. Refused requests write nothing.</p>
 */
public final class ReleaseLedger {

    private static final int ATTEMPTS = 10;
    private static final int HISTORY = 10;
    private static final Pattern REVISION = Pattern.compile("[A-Za-z0-9._:/+-]{1,128}");
    static final String SYSTEM = "samstage";

    private final StageOrder order;
    private final Function<String, LedgerTable> tables;
    private final Clock clock;
    private final Sleeper sleeper;
    private final StageListener listener;

    private ReleaseLedger(Builder b, Function<String, LedgerTable> tables) {
        this.order = Objects.requireNonNull(b.order, "order");
        this.tables = tables;
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.listener = b.listener;
    }

    public static Builder builder() {
        return new Builder();
    }

    public StageOrder order() {
        return order;
    }

    /** Brings {@code revision} into {@code stage} if it may enter now; never waits. */
    public EntryResult enter(String stage, String revision) {
        order.require(stage);
        requireRevision(revision);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<EntryResult> result = new Entry(stage, revision).attempt();
            if (result.isPresent()) {
                return result.get();
            }
        }
        throw contention(stage);
    }

    /**
     * Like {@link #enter(String, String)}, but while the release is {@code WAITING} polls every
     * {@code pollEvery} until it enters, is refused (superseded meanwhile) or {@code maxWait} passes.
     */
    public EntryResult enter(String stage, String revision, Duration maxWait, Duration pollEvery) {
        Instant deadline = clock.instant().plus(maxWait);
        EntryResult result = enter(stage, revision);
        while (result.outcome() == EntryResult.Outcome.WAITING && clock.instant().isBefore(deadline)) {
            listener.on(new StageEvent.Note(StageEvent.Severity.INFO, result.reason()));
            Duration left = Duration.between(clock.instant(), deadline);
            try {
                sleeper.sleep(left.compareTo(pollEvery) < 0 ? left : pollEvery);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return result;
            }
            result = enter(stage, revision);
        }
        return result;
    }

    /**
     * Approves the release under evaluation in {@code stage} (it must be {@code revision} when one is
     * given) and promotes it to wait before the next stage.
     */
    public Decision approve(String stage, String revision, String who, String why) {
        return decide(stage, revision, who, why, Verdict.APPROVED);
    }

    /** Rejects the release under evaluation in {@code stage}, freeing the stage; {@code why} is required. */
    public Decision reject(String stage, String revision, String who, String why) {
        if (why == null || why.isBlank()) {
            throw new ReleaseException("Rejecting the release in stage " + stage + " needs a reason: add -Dsamstage.reason=\"...\".");
        }
        return decide(stage, revision, who, why, Verdict.REJECTED);
    }

    private Decision decide(String stage, String revision, String who, String why, Verdict verdict) {
        order.require(stage);
        if (revision != null) {
            requireRevision(revision);
        }
        if (who == null || who.isBlank()) {
            throw new ReleaseException("Who decides on stage " + stage + " is not known: set -Dsamstage.approver=<name>.");
        }
        String verb = verdict == Verdict.APPROVED ? "approve" : "reject";
        LedgerTable table = tables.apply(stage);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Position cur = table.read(stage);
            Optional<Verdict> fate = revision == null ? Optional.empty() : cur.fateOf(revision);
            if (fate.isPresent() && !cur.holds(revision)) {
                throw new ReleaseException("Release " + revision + " was already " + fate.get().name().toLowerCase()
                        + " in stage " + stage + "; nothing to " + verb + " (see mvn samstage:status -Denv=" + stage + ").");
            }
            if (cur.holder() == null) {
                throw new ReleaseException("Stage " + stage + " holds no release under evaluation, so there is nothing to "
                        + verb + "; deploy one first (mvn deploy-stage -Denv=" + stage + ").");
            }
            String held = cur.holder().revision();
            if (revision != null && !held.equals(revision)) {
                throw new ReleaseException("Stage " + stage + " holds release " + held + ", not " + revision
                        + "; " + verb + " -Dsamstage.revision=" + held + " or wait until " + revision + " enters.");
            }
            Instant now = clock.instant();
            Decision decision = new Decision(stage, held, verdict, who.trim(), why == null ? "" : why.trim(), now);
            List<Decision> decisions = new ArrayList<>(List.of(decision));
            Position updated = cur.withHolder(null).withFate(held, verdict);
            Optional<String> next = order.next(stage);
            if (verdict == Verdict.APPROVED && next.isPresent()) {
                Release older = cur.waiting();
                if (older != null && !tables.apply(next.get()).read(next.get()).holds(older.revision())) {
                    updated = updated.withFate(older.revision(), Verdict.SUPERSEDED);
                    decisions.add(superseded(stage, older.revision(), held, now));
                }
                updated = updated.withWaiting(new Release(held, now));
            }
            if (table.compareAndSet(cur, updated, decisions)) {
                listener.on(StageEvent.info(describe(decision, next)));
                return decision;
            }
        }
        throw contention(stage);
    }

    /** The stage's holder, the release waiting to enter it, and its latest decisions. */
    public StageStatus status(String stage) {
        order.require(stage);
        String previous = order.previous(stage);
        LedgerTable table = tables.apply(stage);
        Position cur = table.read(stage);
        Position before = tables.apply(previous).read(previous);
        Release waiting = before.waiting() != null && !cur.holds(before.waiting().revision()) ? before.waiting() : null;
        Release promoted = null;
        Optional<String> next = order.next(stage);
        if (cur.waiting() != null && next.isPresent()
                && !tables.apply(next.get()).read(next.get()).holds(cur.waiting().revision())) {
            promoted = cur.waiting();
        }
        List<Decision> decisions = new ArrayList<>(table.decisions(stage, HISTORY));
        if (StageOrder.BUILD.equals(previous)) {
            decisions.addAll(tables.apply(previous).decisions(previous, HISTORY));
            decisions.sort(Comparator.comparing(Decision::at).reversed());
        }
        return new StageStatus(stage, cur.holder(), waiting, promoted,
                decisions.subList(0, Math.min(HISTORY, decisions.size())));
    }

    /** {@link #status(String)} of every stage in release order. */
    public List<StageStatus> statusOfAll() {
        return order.stages().stream().map(this::status).toList();
    }

    static Decision superseded(String position, String older, String newer, Instant at) {
        return new Decision(position, older, Verdict.SUPERSEDED, SYSTEM, "superseded by " + newer, at);
    }

    private static String describe(Decision d, Optional<String> next) {
        String s = d.verdict() == Verdict.APPROVED ? "Approved " : "Rejected ";
        s += d.revision() + " in " + d.stage() + " (" + d.who() + (d.why().isEmpty() ? "" : ": " + d.why()) + ")";
        if (d.verdict() == Verdict.APPROVED) {
            s += next.map(n -> "; it waits to enter " + n).orElse("; released");
        }
        return s;
    }

    private static void requireRevision(String revision) {
        if (revision == null || !REVISION.matcher(revision).matches()) {
            throw new ReleaseException("Release revision '" + revision + "' is not a commit id or version;"
                    + " pass -Dsamstage.revision=<commit> or run from a git checkout.");
        }
    }

    private static ReleaseException contention(String stage) {
        return new ReleaseException("The release ledger of stage " + stage + " kept changing under this build ("
                + ATTEMPTS + " attempts); run the goal again.");
    }

    /** One attempt at entering; empty when a conditional write lost a race and the caller should retry. */
    private final class Entry {
        private final String stage;
        private final String revision;
        private final String previous;

        Entry(String stage, String revision) {
            this.stage = stage;
            this.revision = revision;
            this.previous = order.previous(stage);
        }

        Optional<EntryResult> attempt() {
            LedgerTable here = tables.apply(stage);
            LedgerTable before = tables.apply(previous);
            Position cur = here.read(stage);
            Position prev = before.read(previous);
            String holder = cur.holder() == null ? null : cur.holder().revision();
            if (cur.holds(revision)) {
                leaveQueue(before, prev);
                return Optional.of(result(EntryResult.Outcome.ENTERED, holder, revision + " is under evaluation in " + stage));
            }
            Optional<Verdict> fate = cur.fateOf(revision).or(() -> prev.fateOf(revision)
                    .filter(v -> v == Verdict.SUPERSEDED));
            if (fate.isPresent()) {
                return Optional.of(result(EntryResult.Outcome.REFUSED, holder, revision + " was "
                        + fate.get().name().toLowerCase() + (cur.fateOf(revision).isPresent() ? " in " + stage : " before " + stage)
                        + " and does not enter it again"));
            }
            boolean first = StageOrder.BUILD.equals(previous);
            if (!first && !prev.hasWaiting(revision)) {
                String why = prev.holds(revision) ? "it is still under evaluation in " + previous + "; approve it there first"
                        : "it is not approved in " + previous + " (waiting to enter: "
                        + prev.waitingRelease().map(Release::revision).orElse("none") + ")";
                return Optional.of(result(EntryResult.Outcome.REFUSED, holder, revision + " may not enter " + stage + ": " + why));
            }
            Instant now = clock.instant();
            if (holder != null) {
                if (!prev.hasWaiting(revision)) {
                    // a new build joins the queue before the first stage, superseding an older waiting one
                    Position queued = prev.withWaiting(new Release(revision, now));
                    List<Decision> decisions = new ArrayList<>();
                    if (prev.waiting() != null && !prev.waiting().revision().equals(holder)) {
                        queued = queued.withFate(prev.waiting().revision(), Verdict.SUPERSEDED);
                        decisions.add(superseded(previous, prev.waiting().revision(), revision, now));
                    }
                    if (!before.compareAndSet(prev, queued, decisions)) {
                        return Optional.empty();
                    }
                }
                return Optional.of(result(EntryResult.Outcome.WAITING, holder, revision + " waits: " + stage + " holds "
                        + holder + " until it is approved or rejected"));
            }
            if (!here.compareAndSet(cur, cur.withHolder(new Release(revision, now)), List.of())) {
                return Optional.empty();
            }
            leaveQueue(before, prev);
            return Optional.of(result(EntryResult.Outcome.ENTERED, null, revision + " entered " + stage));
        }

        /**
         * Takes the entered release out of the queue before the stage. A release that was waiting
         * there when this one entered is older, so it is superseded; one that arrived after is kept.
         */
        private void leaveQueue(LedgerTable before, Position seen) {
            Position prev = seen;
            for (int attempt = 0; attempt < ATTEMPTS && prev.waiting() != null; attempt++) {
                Position updated = prev.withWaiting(null);
                List<Decision> decisions = List.of();
                if (!prev.hasWaiting(revision)) {
                    if (prev != seen) {
                        return; // someone queued after we entered: they wait for us
                    }
                    Instant now = clock.instant();
                    updated = updated.withFate(prev.waiting().revision(), Verdict.SUPERSEDED);
                    decisions = List.of(superseded(previous, prev.waiting().revision(), revision, now));
                }
                if (before.compareAndSet(prev, updated, decisions)) {
                    return;
                }
                prev = before.read(previous);
            }
        }

        private EntryResult result(EntryResult.Outcome outcome, String holder, String reason) {
            return new EntryResult(outcome, stage, revision, holder, reason);
        }
    }

    /** Builder for {@link ReleaseLedger}. */
    public static final class Builder {
        private StageOrder order;
        private Function<String, LedgerTable> tables;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private StageListener listener = StageListener.IGNORE;

        public Builder order(StageOrder v) { order = v; return this; }

        /** The ledger table of each stage (in that stage's account); {@link StageOrder#BUILD} maps to the first stage's. */
        public Builder tables(Function<String, LedgerTable> v) {
            tables = v;
            return this;
        }

        /** One table for every stage (all stages in one account). */
        public Builder table(LedgerTable v) { tables = s -> v; return this; }
        public Builder clock(Clock v) { clock = Objects.requireNonNull(v); return this; }
        public Builder sleeper(Sleeper v) { sleeper = Objects.requireNonNull(v); return this; }
        public Builder listener(StageListener v) { listener = Objects.requireNonNull(v); return this; }

        public ReleaseLedger build() {
            Function<String, LedgerTable> byStage = Objects.requireNonNull(tables, "tables");
            StageOrder o = Objects.requireNonNull(order, "order");
            return new ReleaseLedger(this, s -> byStage.apply(StageOrder.BUILD.equals(s) ? o.first() : s));
        }
    }
}
