"""Reads the results file bench/run writes: one ``key=value`` line per figure."""


def load(path):
    values = {}
    with open(path) as f:
        for line in f:
            if "=" in line:
                key, value = line.rstrip("\n").split("=", 1)
                values[key] = value
    return values
