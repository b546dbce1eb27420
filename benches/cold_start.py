#!/usr/bin/env python3
"""Cold start of one-shot commands on the built-in kb: best and median wall time of N runs of each command, for
one or more tkb binaries side by side (runs interleaved, so that a change in the machine's load hits every binary
alike). Output goes to /dev/null; the load average is printed before and after.

    python3 benches/cold_start.py --runs 40 target/release/tkb /tmp/tkb-before
"""
import argparse
import os
import statistics
import subprocess
import time

COMMANDS = [
    ["query", "direct_flight(vn) @ 2022-01-01"],
    ["query", "direct_flight(vn) @ 2022-01-01", "--format", "json"],
    ["check", "us", "2021-06-01"],
    ["lint"],
]


def once(command):
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return (time.perf_counter() - start) * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("binaries", nargs="+")
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    print("load average before: %.2f %.2f %.2f" % os.getloadavg())
    for command in COMMANDS:
        times = {b: [] for b in args.binaries}
        for _ in range(args.runs):
            for binary in args.binaries:
                times[binary].append(once([binary] + command))
        for binary in args.binaries:
            t = times[binary]
            shown = " ".join(command)
            print(f"{binary:28} {shown:52} best {min(t):6.1f} ms  median {statistics.median(t):6.1f} ms")
    print("load average after: %.2f %.2f %.2f" % os.getloadavg())


if __name__ == "__main__":
    main()
