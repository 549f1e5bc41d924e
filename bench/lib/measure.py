#!/usr/bin/env python3
"""Runs a command and writes "WALL_SECONDS MAX_RSS_KB" to a file, like
``/usr/bin/time -f '%e %M' -o FILE``; used when /usr/bin/time is not installed.

The peak resident set size comes from the kernel's accounting for the waited-for child
(``wait4``), which covers the child and every descendant it waited for, the same figure
GNU time prints.

Usage: measure.py OUTPUT_FILE COMMAND [ARGS...]
"""
import os
import subprocess
import sys
import time


def main():
    output, command = sys.argv[1], sys.argv[2:]
    start = time.monotonic()
    child = subprocess.Popen(command)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.monotonic() - start
    with open(output, "w") as f:
        f.write(f"{wall:.2f} {usage.ru_maxrss}\n")
    sys.exit(os.waitstatus_to_exitcode(status))


if __name__ == "__main__":
    main()
