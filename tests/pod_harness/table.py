#!/usr/bin/env python3
"""Prints the README's pods table from the verdicts the last `ctest -R '^pods/'` left.

  ctest --test-dir build -R '^pods/'
  tests/pod_harness/table.py build/pod-reports > table.md

Each pods test writes its verdict as JSON (run_pods.py --json) into the build's pod-reports/
folder, named after the test with + for /. A row is a test without its engine (an example, the
example in the classic config format, a case); a column an engine. A cell is "delivered / lost /
duplicated, field errors" summed over the run's backends, "skipped: why", or "–" where the test
does not run on that engine. Reports older than the newest one by more than a day are called
out: they belong to an earlier run.
"""
import json
import os
import sys

ENGINES = {"fluent-bit-3.2": "Fluent Bit 3.2", "fluent-bit-5.1": "Fluent Bit 5.1", "fluentd": "Fluentd"}


def cell(report):
    if "skipped" in report:
        return "skipped: " + report["skipped"].split(" (")[0].split(": agents")[0]
    b = report["backends"]
    text = (f"{sum(x['delivered'] for x in b)} / {sum(x['lost'] for x in b)} / {sum(x['duplicated'] for x in b)}"
            f", {sum(x['field_errors'] for x in b)}")
    if report.get("expect_loss"):
        text += " (control: must lose)"
    return text if report.get("ok") else f"**FAIL** {text}; {len(report['problems'])} problem(s)"


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: table.py BUILD/pod-reports")
    folder = sys.argv[1]
    rows, versions, stamps = {}, {}, {}
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".json"):
            continue
        test, _, engine = name[:-len(".json")].rpartition("+")
        path = os.path.join(folder, name)
        with open(path) as f:
            report = json.load(f)
        stamps[(test, engine)] = os.path.getmtime(path)
        rows.setdefault(test.replace("+", "/"), {})[engine] = cell(report)
        if "skipped" not in report:
            versions[engine] = report["engine"]
    if not rows:
        sys.exit(f"no reports in {folder}: run ctest -R '^pods/' first")
    newest = max(stamps.values())
    stale = sorted(f"{t.replace('+', '/')}/{e}" for (t, e), m in stamps.items() if newest - m > 86400)
    head = [versions.get(e, label) for e, label in ENGINES.items()]
    print("| pods test | " + " | ".join(head) + " |")
    print("|---|" + "---|" * len(ENGINES))
    for test in sorted(rows, key=lambda t: (t.startswith("case/"), t)):
        print(f"| {test} | " + " | ".join(rows[test].get(e, "–") for e in ENGINES) + " |")
    if stale:
        print(f"\nFrom an earlier run (more than a day older than the newest report): {', '.join(stale)}")


if __name__ == "__main__":
    main()
