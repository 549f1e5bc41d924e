#!/usr/bin/env python3
"""Splits a timed log into phases.

  phases.py core KEY LOG    bench.PackageRun --events output: KEY_before_upload, KEY_upload,
                            KEY_after_upload (seconds since the core started) and KEY_plan
                            (reading the template and hashing the artifacts)
  phases.py maven KEY LOG   a Maven log with times: KEY_breakdown, seconds per part of the
                            build (a goal runs until the next one starts)
  phases.py goal GOAL LOG END_TEXT
                            seconds from the samstage GOAL's start line to the first later
                            line containing END_TEXT: the goal's own time, without Maven's
                            start-up ("n/a" when the log lacks either line)
"""
import re
import sys
from datetime import datetime


def core(key, path):
    first = last = done = plan = None
    for line in open(path):
        m = re.match(r"\s*([\d.]+) s  (.*)", line)
        if not m:
            continue
        t, text = float(m.group(1)), m.group(2)
        planned = re.match(r"Planned \d+ artifacts .* in (\d+) ms", text)
        if planned:
            plan = int(planned.group(1)) / 1000
        if text.startswith(("Uploading ", "Uploaded ")) and first is None:
            first = t
        if text.startswith("Uploaded "):
            last = t
        elif text.startswith("Packaged "):
            done = t
    if None not in (first, last, done):
        print(f"{key}_before_upload={first:.2f}\n{key}_upload={last - first:.2f}\n{key}_after_upload={done - last:.2f}")
    if plan is not None:
        print(f"{key}_plan={plan:.2f}")


PARTS = [("build and unit tests", ()), ("package", ()), ("local deploy", ()), ("suite (verify)", ())]


def maven(key, path):
    marks = []
    end = None
    for line in open(path):
        m = re.match(r"(\d\d:\d\d:\d\d\.\d\d\d) \[INFO\] (.*)", line)
        if not m:
            continue
        t = datetime.strptime(m.group(1), "%H:%M:%S.%f")
        goal = re.match(r"--- (\S+):\S+:(\S+) ", m.group(2))
        if goal:
            marks.append((t, goal.group(1), goal.group(2)))
        elif m.group(2).startswith("BUILD "):
            end = t
    if not marks or end is None:
        return
    totals = {name: 0.0 for name, _ in PARTS}
    deployed = False
    for (t, plugin, goal), nxt in zip(marks, marks[1:] + [(end, None, None)]):
        seconds = (nxt[0] - t).total_seconds()
        if plugin == "samstage" and goal in ("package", "deploy", "verify"):
            part = {"package": "package", "deploy": "local deploy", "verify": "suite (verify)"}[goal]
            deployed = deployed or goal == "deploy"
        elif deployed:
            part = "suite (verify)"  # the verify goal forks the build again to compile the suite
        else:
            part = "build and unit tests"
        totals[part] += seconds
    text = ", ".join(f"{name} {s:.1f} s" for name, s in totals.items())
    print(f"{key}_breakdown={text}")


def goal(name, path, end_text):
    start = end = None
    for line in open(path):
        m = re.match(r"(\d\d:\d\d:\d\d\.\d\d\d) ", line)
        if not m:
            continue
        t = datetime.strptime(m.group(1), "%H:%M:%S.%f")
        if "--- samstage:" in line and f":{name} " in line:
            start = t
        elif start is not None and end is None and end_text in line:
            end = t
    print(f"{(end - start).total_seconds():.2f}" if start and end else "n/a")


if __name__ == "__main__":
    {"core": core, "maven": maven, "goal": goal}[sys.argv[1]](*sys.argv[2:])
