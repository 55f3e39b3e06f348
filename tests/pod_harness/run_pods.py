#!/usr/bin/env python3
"""Runs the log agents of rendered manifests as kubelet would and checks what reaches each backend.

  run_pods.py MANIFEST --engine fluent-bit:3.2|fluent-bit:5.1|fluentd [--restart-agent]
              [--json REPORT] [--keep DIR]

Exit codes: 0 every line delivered once with its origin to every backend; 1 a finding;
2 bad usage; 77 the engine or bubblewrap is absent (ctest: skipped).
"""
import argparse
import json
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from podharness.run import SKIP, Harness, Skip  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("manifest")
    ap.add_argument("--engine", required=True, help="fluent-bit:<version prefix> or fluentd[:<version prefix>]")
    ap.add_argument("--restart-agent", action="store_true", help="restart every agent in the middle of the session")
    ap.add_argument("--json", help="write the verdict as JSON here")
    ap.add_argument("--keep", help="keep the pods' folders and logs here")
    ap.add_argument("--expect-finding", help="pass only if a finding contains this text (a case that proves a fix)")
    a = ap.parse_args()
    kind, _, version = a.engine.partition(":")
    if kind not in ("fluent-bit", "fluentd"):
        ap.error("--engine is fluent-bit:<version> or fluentd")
    workdir = a.keep
    if workdir:
        shutil.rmtree(workdir, ignore_errors=True)
        os.makedirs(workdir)
    try:
        h = Harness(a.manifest, kind, version, workdir=workdir, restart_agent=a.restart_agent)
    except Skip as e:
        print(f"skipped: {e}")
        return SKIP
    problems, verdicts = h.run()
    engine = f"{h.engine.kind} {h.engine.version}"
    print(f"{os.path.basename(os.path.dirname(os.path.abspath(a.manifest)))} with {engine}: "
          f"{len(h.ray_pods)} Ray pods, {len(h.ds_pods)} DaemonSet pods, {len(h.ledger.records)} records "
          f"({sum(len(r.tokens) for r in h.ledger.records)} lines) written")
    for n in h.notes:
        print(f"  note: {n}")
    for p in problems:
        print(f"  problem: {p}")
    for v in verdicts:
        s = v.summary()
        print(f"  {s['backend']:<16} {'ok  ' if v.ok else 'FAIL'} records {s['records']:>4}  delivered "
              f"{s['delivered']:>4}  lost {s['lost']:>3}  duplicated {s['duplicated']:>3}  field errors {s['field_errors']}")
        for e in v.problems + v.field_errors[:40]:
            print(f"      {e}")
        if len(v.field_errors) > 40:
            print(f"      … {len(v.field_errors) - 40} more")
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"engine": engine, "problems": problems, "notes": h.notes,
                       "backends": [v.summary() for v in verdicts]}, f, indent=1)
    ok = not problems and verdicts and all(v.ok for v in verdicts)
    if a.expect_finding:
        text = "\n".join(problems + [e for v in verdicts for e in v.problems + v.field_errors])
        found = a.expect_finding in text
        print(f"  expected finding {a.expect_finding!r}: {'seen' if found else 'NOT seen'}")
        return 0 if found else 1
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
