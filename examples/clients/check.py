#!/usr/bin/env python3
"""A small conformance harness for the driver protocol (docs/kit.md): it plays the kit's part
around a client command (workspaces, the NACCS center, the checks of the report, the record and
the conduct) and prints what happened, with the client's time per step.

    python3 examples/clients/check.py                        # the reference adapter, every scenario
    python3 examples/clients/check.py --scenario m000 --client "python3 my_adapter.py"
    python3 examples/clients/check.py --faulty               # each faulty adapter must be caught
    python3 examples/clients/check.py --target http://127.0.0.1:8080   # a simulator already running

Without --target it starts target/release/nss-simulator (else target/debug/) on a free port and
stops it at the end. Exit status 0 when every scenario passes (with --faulty: when every faulty
adapter is caught by the check named for it). Python 3.11, standard library only."""

from __future__ import annotations

import argparse
import os
import shlex
import sys
import time
from collections import defaultdict

from kitcheck.faults import FAULTS
from kitcheck.kit import ROOT, Kit, ScenarioFailed
from kitcheck.scenarios import SCENARIOS
from kitcheck.sim import Simulator

HERE = os.path.dirname(os.path.abspath(__file__))
REFERENCE = [sys.executable, os.path.join(HERE, "python", "adapter.py")]


def simulator(args) -> Simulator:
    if args.target:
        return Simulator(args.target)
    for binary in (args.binary,
                   os.path.join(ROOT, "target", "release", "nss-simulator"),
                   os.path.join(ROOT, "target", "debug", "nss-simulator")):
        if binary and os.path.exists(binary):
            return Simulator.start(binary)
    sys.exit("no simulator: build it (cargo build --release) or give --target or --binary")


def run_scenarios(sim: Simulator, client: list[str], names: list[str]) -> tuple[list[str], Kit]:
    """Runs the scenarios; returns the names of those that failed, and the kit (its steps)."""
    kit = Kit(sim, client)
    failed = []
    for name in names:
        print(f"{name}")
        started = len(kit.steps)
        try:
            SCENARIOS[name](kit)
            verdict = "PASS"
        except ScenarioFailed:
            verdict = "FAIL"
            failed.append(name)
        steps = kit.steps[started:]
        print(f"  {verdict}  ({len(steps)} steps, {sum(s.run.seconds for s in steps):.2f} s client time)")
    return failed, kit


def timings(kit: Kit) -> None:
    per_action = defaultdict(list)
    for s in kit.steps:
        per_action[s.action].append(s.run.seconds)
    print("client time per action (s):")
    for action, times in per_action.items():
        print(f"  {action:<22} n={len(times):<3} mean {sum(times) / len(times):.3f}  max {max(times):.3f}")
    total = sum(s.run.seconds for s in kit.steps)
    print(f"  total: {len(kit.steps)} tasks, {total:.2f} s")


def faulty(sim: Simulator) -> int:
    """Runs each faulty adapter on its scenario; it must fail with the check named for it."""
    missed = 0
    for fault in FAULTS:
        command = [sys.executable, os.path.join(HERE, "faulty", fault.adapter)]
        print(f"=== {fault.adapter}: expect a [{fault.kind}] problem with 「{fault.evidence}」")
        failed, kit = run_scenarios(sim, command, [fault.scenario])
        problems = [p for s in kit.steps for p in s.problems]
        caught = [m for kind, m in problems if kind == fault.kind and fault.evidence in m]
        if failed and caught:
            print(f"  CAUGHT: {caught[0]}")
        else:
            missed += 1
            print("  NOT CAUGHT")
    print(f"{len(FAULTS) - missed} of {len(FAULTS)} faulty adapters caught")
    return 1 if missed else 0


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--target", help="the base URL of a running simulator")
    p.add_argument("--binary", help="the simulator binary to start")
    p.add_argument("--client", help="the client command (default: the reference Python adapter)")
    p.add_argument("--scenario", action="append", choices=sorted(SCENARIOS), help="run only these")
    p.add_argument("--faulty", action="store_true", help="check that every faulty adapter is caught")
    args = p.parse_args()
    sim = simulator(args)
    try:
        if args.faulty:
            return faulty(sim)
        client = shlex.split(args.client) if args.client else REFERENCE
        started = time.monotonic()
        failed, kit = run_scenarios(sim, client, args.scenario or list(SCENARIOS))
        timings(kit)
        print(f"wall time {time.monotonic() - started:.2f} s")
        print(f"{len(args.scenario or SCENARIOS) - len(failed)} passed, {len(failed)} failed")
        return 1 if failed else 0
    finally:
        sim.stop()


if __name__ == "__main__":
    sys.exit(main())
