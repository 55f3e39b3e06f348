#!/usr/bin/env python3
"""Runs the log agents of rendered manifests as kubelet would and checks what reaches each backend.

  run_pods.py MANIFEST --engine fluent-bit:3.2|fluent-bit:5.1|fluentd [--restart-agent]
              [--kill-agent [--expect-loss]] [--config-format yaml|classic]
              [--json REPORT] [--keep DIR] [--raylog-gen BINARY]

MANIFEST is a rendered stream, or a RayLogging spec that --raylog-gen renders first.

Exit codes: 0 every line delivered once with its origin to every backend; 1 a finding;
2 bad usage; 77 the engine or bubblewrap is absent (ctest: skipped).
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
SKIP = 77
try:
    import msgpack  # noqa: F401  (only that it is there: the stand-ins need it)
    import yaml
except ImportError as e:
    print(f"skipped: {e.name} is not installed (Debian: python3-yaml python3-msgpack)")
    sys.exit(SKIP)

from podharness.run import Harness, Skip  # noqa: E402


# The file each Fluent Bit config format is written as (agents/fluent_bit: fluent-bit.yaml by
# default, fluent-bit.conf with agent.configFormat: classic).
CONFIG_FILES = {"yaml": "fluent-bit.yaml", "classic": "fluent-bit.conf"}


def rendered(manifest, binary, workdir, config_format=None):
    """The manifest itself, or what raylog-gen renders from it when it is a RayLogging spec; with
    config_format, the spec's Fluent Bit agent set to that format first (the same spec, both formats)."""
    with open(manifest, encoding="utf-8") as f:
        first = next((d for d in yaml.safe_load_all(f) if isinstance(d, dict)), {})
    if first.get("kind") != "RayLogging":
        if config_format:
            raise SystemExit("--config-format needs a RayLogging spec, not a rendered manifest")
        return manifest
    if not binary:
        raise SystemExit(f"{manifest} is a RayLogging spec: pass --raylog-gen to render it")
    spec = manifest
    if config_format:
        agent = first.setdefault("spec", {}).setdefault("agent", {})
        if agent.get("type", "fluent-bit") != "fluent-bit":
            raise SystemExit(f"--config-format is for a Fluent Bit agent; {manifest}'s agent is {agent['type']}")
        agent["configFormat"] = config_format
        # A copy of the spec's folder: paths in a spec are relative to it (serveConfigV2File).
        folder = os.path.join(workdir, "spec")
        shutil.copytree(os.path.dirname(os.path.abspath(manifest)), folder)
        spec = os.path.join(folder, os.path.basename(manifest))
        with open(spec, "w", encoding="utf-8") as f:
            yaml.safe_dump(first, f, sort_keys=False)
    out = os.path.join(workdir, "rendered.yaml")
    subprocess.run([binary, "render", spec, "-o", out], check=True)
    if config_format:
        # Proof that the run below reads the format asked for: its config file is in the output.
        with open(out, encoding="utf-8") as f:
            text = f.read()
        other = next(v for k, v in CONFIG_FILES.items() if k != config_format)
        if CONFIG_FILES[config_format] + ":" not in text or other + ":" in text:
            raise SystemExit(f"rendered with configFormat {config_format}, but the ConfigMap does not hold "
                             f"{CONFIG_FILES[config_format]} alone")
    return out


def write_report(path, report):
    """The verdict as JSON (--json), for table.py: ctest writes one per pods test."""
    if not path:
        return
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w") as f:
        json.dump(report, f, indent=1)


def skipped(report, engine, why):
    print(f"skipped: {why}")
    write_report(report, {"engine": engine, "skipped": why})
    return SKIP


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("manifest")
    ap.add_argument("--engine", required=True, help="fluent-bit:<version prefix> or fluentd[:<version prefix>]")
    ap.add_argument("--restart-agent", action="store_true", help="restart every agent in the middle of the session")
    ap.add_argument("--kill-agent", action="store_true",
                    help="mid-session, with the backends refusing writes, kill -9 every agent and restart it; "
                         "then no line may be lost or doubled")
    ap.add_argument("--expect-loss", action="store_true",
                    help="with --kill-agent: the harness's own control, passes only if lines were lost "
                         "(agent.buffer: memory) and none doubled")
    ap.add_argument("--config-format", choices=sorted(CONFIG_FILES),
                    help="render the spec's Fluent Bit agent in this config format (agent.configFormat)")
    ap.add_argument("--json", help="write the verdict as JSON here")
    ap.add_argument("--keep", help="keep the pods' folders and logs here")
    ap.add_argument("--raylog-gen", help="the binary that renders MANIFEST when it is a spec")
    a = ap.parse_args()
    kind, _, version = a.engine.partition(":")
    if kind not in ("fluent-bit", "fluentd"):
        ap.error("--engine is fluent-bit:<version> or fluentd")
    workdir = a.keep
    if workdir:
        shutil.rmtree(workdir, ignore_errors=True)
        os.makedirs(workdir)
    else:
        workdir = tempfile.mkdtemp(prefix="raylog-pods-")
    try:
        h = Harness(rendered(a.manifest, a.raylog_gen, workdir, a.config_format), kind, version, workdir=workdir,
                    restart_agent=a.restart_agent, kill_agent=a.kill_agent)
    except Skip as e:
        return skipped(a.json, a.engine, str(e))
    try:
        problems, verdicts = h.run()
    except Skip as e:
        return skipped(a.json, a.engine, str(e))
    engine = f"{h.engine.kind} {h.engine.version}"
    print(f"{os.path.relpath(os.path.abspath(a.manifest))} with {engine}"
          f"{f' ({a.config_format} config)' if a.config_format else ''}"
          f"{' (agents restarted mid-session)' if a.restart_agent else ''}"
          f"{' (agents killed with SIGKILL mid-session)' if a.kill_agent else ''}: "
          f"{len(h.ray_pods)} Ray pods, {len(h.ds_pods)} DaemonSet pods, {len(h.ledger.records)} records "
          f"({sum(len(r.tokens) for r in h.ledger.records)} lines) written")
    for n in h.notes:
        print(f"  note: {n}")
    for p in problems:
        print(f"  problem: {p}")
    for v in verdicts:
        s = v.summary()
        print(f"  {s['backend']:<16} {'ok  ' if v.ok else 'FAIL'} records {s['records']:>4}  delivered "
              f"{s['delivered']:>4}  lost {s['lost']:>3}  duplicated {s['duplicated']:>3}  field errors {s['field_errors']}"
              + ("  (lost lines reported, not failed: a restart case checks duplicates)" if s['losses_tolerated'] and s['lost'] else ""))
        for e in v.details + v.problems + v.field_errors[:40]:
            print(f"      {e}")
        if len(v.field_errors) > 40:
            print(f"      … {len(v.field_errors) - 40} more")
    ok = not problems and verdicts and all(v.ok for v in verdicts)
    if a.expect_loss:
        # The control: the same kill with a memory buffer must lose lines, or the kill case
        # could not tell a buffer that keeps them from one that does not.
        lost = sum(v.lost for v in verdicts)
        ok = not problems and verdicts and lost > 0 and not any(v.duplicated or v.field_errors or v.problems
                                                                for v in verdicts)
        print(f"  control (--expect-loss): {lost} line(s) lost with the kill: {'ok' if ok else 'FAIL'}")
    write_report(a.json, {"engine": engine, "ok": bool(ok), "expect_loss": a.expect_loss, "problems": problems,
                          "notes": h.notes, "backends": [v.summary() for v in verdicts]})
    if not a.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
