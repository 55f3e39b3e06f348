#!/usr/bin/env python3
"""Runs every example through the pod harness with every engine and prints the README's table.

  tests/pod_harness/table.py build/raylog-gen > table.md

A cell is "delivered/lost/duplicated, field errors" summed over the example's backends, or
"skipped: why" when the engine is absent or the example runs no agent the harness has.
"""
import glob
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
ENGINES = ["fluent-bit:3.2", "fluent-bit:5.1", "fluentd"]


def cell(spec, engine, binary):
    with tempfile.NamedTemporaryFile(suffix=".json") as report:
        p = subprocess.run([sys.executable, os.path.join(HERE, "run_pods.py"), spec, "--engine", engine,
                            "--raylog-gen", binary, "--json", report.name], capture_output=True, text=True)
        if p.returncode == 77:
            return "skipped: " + p.stdout.strip().removeprefix("skipped: ").split(" (")[0].split(": agents")[0], None
        try:
            r = json.load(open(report.name))
        except (OSError, ValueError):
            return f"error (exit {p.returncode})", None
    b = r["backends"]
    text = (f"{sum(x['delivered'] for x in b)} / {sum(x['lost'] for x in b)} / {sum(x['duplicated'] for x in b)}"
            f", {sum(x['field_errors'] for x in b)}; {len(b)} backend(s)")
    ok = p.returncode == 0
    return (text if ok else f"**FAIL** {text}; {len(r['problems'])} problem(s)"), r["engine"]


def main():
    binary = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build", "raylog-gen"))
    versions = {}
    rows = []
    for spec in sorted(glob.glob(os.path.join(ROOT, "examples", "*", "raylog.yaml"))):
        name = os.path.basename(os.path.dirname(spec))
        cells = []
        for engine in ENGINES:
            if (engine == "fluentd") != name.startswith("fluentd"):
                cells.append("n/a")
                continue
            text, version = cell(spec, engine, binary)
            if version:
                versions[engine] = version
            cells.append(text)
        rows.append(f"| {name} | " + " | ".join(cells) + " |")
        print(rows[-1], file=sys.stderr)
    head = [versions.get(e, e) for e in ENGINES]
    print("| example | " + " | ".join(head) + " |")
    print("|---|" + "---|" * len(ENGINES))
    print("\n".join(rows))


if __name__ == "__main__":
    main()
