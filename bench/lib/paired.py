#!/usr/bin/env python3
"""The paired rows of bench/run: samstage and the AWS CLI timed in the same round, one right after
the other (which goes first alternates by round), each row reported as the median of the
per-round ratios samstage / CLI with their min and max. A ratio under 1 means samstage was
faster, over 1 slower; both are printed the same way.

bench/run records, per row KEY, ``paired_KEY_s`` and ``paired_KEY_c``: the rounds' wall times in
seconds, space-separated, in round order. Rows without figures are left out.

  paired.py RESULTS [JSON_OUT]   prints the markdown table; writes the JSON when JSON_OUT is given
"""
import json
import statistics
import sys
from datetime import datetime, timezone

from results import load

# (key, kind, what samstage runs, what the CLI runs, what the inputs are)
LATENCY = (" against the local AWS's latency model (compat/latency_model.py: 30 ms a request, a change set computed"
           " in 5 s, a stack operation 10 s plus 5 s a changed resource)")
DEPLOY = ("update of a plain 2-resource stack that the local AWS makes take {stack_seconds} s; the CLI's waiter polls"
          " the stack every 30 s, so against a stack this short its time is mostly that wait")
NOOP = "no-op redeploy: the same template again (the CLI with --no-fail-on-empty-changeset)"
PIPE_DEPLOY = ("a one-class Java service deploying the plain 2-resource stack, changed each round, from a clean target/;"
               " samstage's step also runs the stage's suite (one trivial test in a forked JVM), which the CLI"
               " pipeline does not")

# (key, kind, what samstage runs, what the CLI runs, what the inputs are)
ROWS = [
    ("cmd_package", "command", "`mvn samstage:package`", "`aws cloudformation package`",
     "{big_mb} MB of code in one function, a new S3 prefix each round (both upload everything); Maven's start-up included"),
    ("cmd_deploy", "command", "`mvn samstage:deploy`", "`aws cloudformation deploy`", DEPLOY),
    ("cmd_deploy_latency", "command", "`mvn samstage:deploy`", "`aws cloudformation deploy`",
     "the same update of the same stack" + LATENCY),
    ("cmd_noop", "command", "`mvn samstage:deploy`", "`aws cloudformation deploy`", NOOP),
    ("cmd_noop_latency", "command", "`mvn samstage:deploy`", "`aws cloudformation deploy`", NOOP + LATENCY),
    ("pipe_package", "pipeline step", "`mvn package-stage`", "`mvn package && aws cloudformation package`",
     "a one-class Java service whose function has {big_mb} MB of code, from a clean target/"),
    ("pipe_package_50", "pipeline step", "`mvn package-stage`", "`mvn package && aws cloudformation package`",
     "a one-class Java service with {functions} functions of {function_kb} KB of code each, from a clean target/,"
     " a new S3 prefix each round"),
    ("pipe_deploy", "pipeline step", "`mvn deploy-stage`",
     "`mvn package && aws cloudformation package && aws cloudformation deploy`",
     PIPE_DEPLOY.replace("stack,", "stack ({stack_seconds} s),")),
    ("pipe_deploy_latency", "pipeline step", "`mvn deploy-stage`",
     "`mvn package && aws cloudformation package && aws cloudformation deploy`", PIPE_DEPLOY + ";" + LATENCY),
]


def times(values, key):
    try:
        return [float(x) for x in values.get(key, "").split()]
    except ValueError:
        return []


def rows(values):
    out = {}
    for key, kind, samstage, cli, inputs in ROWS:
        s, c = times(values, f"paired_{key}_s"), times(values, f"paired_{key}_c")
        if not s or len(s) != len(c):
            continue
        ratios = [a / b for a, b in zip(s, c) if b > 0]
        median = statistics.median(ratios)
        out[key] = {
            "kind": kind,
            "samstage": samstage,
            "cli": cli,
            "inputs": inputs.format_map(_Defaulting(values)),
            "rounds": len(ratios),
            "samstage_seconds": s,
            "cli_seconds": c,
            "ratios": [round(r, 3) for r in ratios],
            "median_ratio": round(median, 3),
            "min_ratio": round(min(ratios), 3),
            "max_ratio": round(max(ratios), 3),
            "samstage_median_seconds": round(statistics.median(s), 2),
            "cli_median_seconds": round(statistics.median(c), 2),
            "samstage_is": "faster" if median < 1 else ("slower" if median > 1 else "even"),
        }
    return out


class _Defaulting(dict):
    def __init__(self, values):
        super().__init__(values)

    def __missing__(self, key):
        return "?"


def table(figures):
    lines = ["| Row | Kind | samstage | AWS CLI | Inputs | samstage median | CLI median | Ratio: median of per-round ratios"
             " (min-max) | samstage is | Rounds |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for key, row in figures.items():
        cells = [f"`{key}`", row["kind"], row["samstage"], row["cli"], row["inputs"], f"{row['samstage_median_seconds']:.1f} s",
                 f"{row['cli_median_seconds']:.1f} s",
                 f"{row['median_ratio']:.2f}x ({row['min_ratio']:.2f}x-{row['max_ratio']:.2f}x)",
                 row["samstage_is"], str(row["rounds"])]
        lines.append("| " + " | ".join(cell.replace("|", "/") for cell in cells) + " |")
    return "\n".join(lines)


def main():
    values = load(sys.argv[1])
    figures = rows(values)
    print(table(figures) if figures else "(no paired rounds in this run)")
    if len(sys.argv) > 2:
        document = {
            "generated": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "method": "per row, samstage and the AWS CLI run back to back in each round, the first alternating;"
                      " ratio = samstage seconds / CLI seconds of the same round; median and min-max over the rounds",
            "rows": figures,
            "figures": values,
        }
        with open(sys.argv[2], "w") as f:
            json.dump(document, f, indent=2)
            f.write("\n")


if __name__ == "__main__":
    main()
