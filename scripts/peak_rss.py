#!/usr/bin/env python3
"""Runs a command and prints the peak RSS (VmHWM) of the process and of its largest child.

Usage: peak_rss.py OUTFILE -- COMMAND...   (stdout of the command goes to OUTFILE)
"""
import os
import subprocess
import sys
import time

out = open(sys.argv[1], "w")
cmd = sys.argv[3:]
proc = subprocess.Popen(cmd, stdout=out)
peak_main = peak_child = 0

def hwm(pid):
    try:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        return 0
    return 0

def children(pid):
    try:
        return [int(c) for c in open(f"/proc/{pid}/task/{pid}/children").read().split()]
    except OSError:
        return []

while proc.poll() is None:
    peak_main = max(peak_main, hwm(proc.pid))
    for c in children(proc.pid):
        peak_child = max(peak_child, hwm(c))
    time.sleep(0.05)
print(f"{peak_main // 1024} {peak_child // 1024} {proc.returncode}")
