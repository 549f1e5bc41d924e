package dev.samstage.core.release;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The release history as plain text lines: which release each stage holds, which wait, and
 * the latest decisions of one stage. Rendered by {@code mvn samstage:status -Denv=<env>}.
 */
public final class ReleaseStatusReport {

    private ReleaseStatusReport() {
    }

    /**
     * @param stages every stage's status in release order
     * @param focus  the stage whose decisions are listed
     */
    public static List<String> lines(List<StageStatus> stages, String focus) {
        List<String> lines = new ArrayList<>();
        lines.add("Releases across " + String.join(" -> ", stages.stream().map(StageStatus::stage).toList()) + ":");
        int width = stages.stream().mapToInt(s -> s.stage().length()).max().orElse(0);
        for (StageStatus s : stages) {
            StringBuilder line = new StringBuilder("  ").append(pad(s.stage(), width)).append("  ");
            line.append(s.holderRelease().map(r -> "holds " + r.shortRevision() + " since " + time(r.since()))
                    .orElse("holds nothing"));
            s.waitingRelease().ifPresent(r -> line.append("; waiting to enter: ").append(r.shortRevision())
                    .append(" since ").append(time(r.since())));
            s.promotedRelease().ifPresent(r -> line.append("; approved, waiting for the next stage: ").append(r.shortRevision()));
            lines.add(line.toString());
        }
        StageStatus focused = stages.stream().filter(s -> s.stage().equals(focus)).findFirst()
                .orElseThrow(() -> new ReleaseException("Stage -Denv=" + focus + " is not in the release order; use one of "
                        + stages.stream().map(StageStatus::stage).toList() + "."));
        if (focused.decisions().isEmpty()) {
            lines.add("No decisions recorded in " + focus + " yet.");
        } else {
            lines.add("Last decisions in " + focus + ":");
            for (Decision d : focused.decisions()) {
                lines.add("  " + time(d.at()) + "  " + pad(d.verdict().name(), 10) + " " + shortRev(d.revision())
                        + " by " + d.who() + (d.why().isEmpty() ? "" : ": " + d.why())
                        + (d.stage().equals(focus) ? "" : " (while waiting to enter)"));
            }
        }
        return lines;
    }

    private static String shortRev(String revision) {
        return revision.matches("[0-9a-f]{40}") ? revision.substring(0, 12) : revision;
    }

    private static String time(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
