#!/usr/bin/env python3
"""Where event mode's lag goes, second by second: reads the daemon's log of a `bench/run events` run taken with
QUARKUS_LOG_CATEGORY__IO_POOLSYNC_EVENTS__LEVEL=DEBUG (one `event timings:` line per applied message) and prints, for
each second of queueing, the messages' p50 / p99 / max of each stage, then the whole run's.

usage: bench/event-stages.py target/bench/events.log [--all]   (--all: every second, not only those with a p99 over 2 s)
"""
import re
import sys
from collections import defaultdict

LINE = re.compile(r"event timings: queued (\d+) received (\d+) taken (\d+) started (\d+) done (\d+)")
STAGES = ["in queue", "held (window, dispatch)", "to worker", "re-read and write", "total"]


def stages(q, r, t, s, d):
    return [r - q, t - r, s - t, d - s, d - q]


def quantile(values, q):
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 1))
    return ordered[int(min(len(ordered), rank)) - 1]


def row(label, samples):
    cells = []
    for i in range(len(STAGES)):
        values = [sample[i] / 1000 for sample in samples]
        cells.append("%.2f / %.2f / %.2f" % (quantile(values, 0.5), quantile(values, 0.99), max(values)))
    return "| %s | %d | %s |" % (label, len(samples), " | ".join(cells))


def main():
    samples = [tuple(int(g) for g in m.groups()) for m in map(LINE.search, open(sys.argv[1])) if m]
    if not samples:
        sys.exit("no 'event timings' lines in " + sys.argv[1])
    start = min(s[0] for s in samples) // 1000
    by_second = defaultdict(list)
    for sample in samples:
        by_second[sample[0] // 1000 - start].append(stages(*sample))
    print("| queued in second | messages | " + " | ".join(s + " p50 / p99 / max s" for s in STAGES) + " |")
    print("|---:|---:|" + "---:|" * len(STAGES))
    for second in sorted(by_second):
        rows = by_second[second]
        if "--all" in sys.argv or quantile([r[4] for r in rows], 0.99) > 2000:
            print(row(str(second), rows))
    print(row("whole run", [stages(*s) for s in samples]))


if __name__ == "__main__":
    main()
