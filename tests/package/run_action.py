"""Runs a composite GitHub Action's steps the way the runner does, without GitHub: `run:` steps
in bash with the step's env (${{ inputs.* }} and ${{ steps.*.outputs.* }} filled in),
GITHUB_OUTPUT/GITHUB_PATH files, `if:` conditions, `continue-on-error`. The one `uses:` step,
github/codeql-action/upload-sarif, is stood in for: it checks the SARIF file is what code
scanning accepts (SARIF 2.1.0, results with rule IDs and locations) and succeeds, or fails
when told to (--upload fails), as it does without `security-events: write`.

Usage: run_action.py ACTION_DIR WORKSPACE [--input NAME=VALUE]... [--upload ok|fails]
Prints each step and its output; exits with the job's result (the first failing step's code).
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

import yaml

EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def lookup(path, ctx):
    """inputs.X, steps.ID.outputs.X, steps.ID.outcome, github.action_path."""
    parts = path.split(".")
    if parts[0] == "inputs":
        return ctx["inputs"].get(parts[1], "")
    if parts[0] == "steps":
        step = ctx["steps"].get(parts[1], {"outputs": {}, "outcome": ""})
        return step["outputs"].get(parts[3], "") if parts[2] == "outputs" else step[parts[2]]
    if path == "github.action_path":
        return ctx["action_path"]
    raise SystemExit(f"run_action: unsupported expression {path!r}")


def evaluate(expr, ctx):
    """The subset of GitHub expressions the action uses: always(), ==, !=, &&, ||, !, ( ), '...'."""
    tokens = re.findall(r"always\(\)|success\(\)|'[^']*'|==|!=|&&|\|\||!|\(|\)|[A-Za-z_][\w.-]*", expr)
    py = []
    for t in tokens:
        if t == "always()":
            py.append("True")
        elif t == "success()":
            py.append(repr(not ctx["failed"]))
        elif t.startswith("'"):
            py.append(repr(t[1:-1]))
        elif t in ("==", "!=", "(", ")"):
            py.append(t)
        elif t == "&&":
            py.append("and")
        elif t == "||":
            py.append("or")
        elif t == "!":
            py.append("not")
        else:
            py.append(repr(lookup(t, ctx)))
    return eval(" ".join(py), {"__builtins__": {}})  # tokens above are the only input


def fill(text, ctx):
    return EXPR.sub(lambda m: str(lookup(m.group(1), ctx)), str(text))


def upload_sarif(path, fails):
    with open(path) as f:
        sarif = json.load(f)
    assert sarif["version"] == "2.1.0", "SARIF version"
    run = sarif["runs"][0]
    assert run["tool"]["driver"]["name"] == "raylog-gen"
    rules = {r["id"] for r in run["tool"]["driver"]["rules"]}
    for r in run["results"]:
        assert r["ruleId"] in rules, f"result for unknown rule {r['ruleId']}"
        loc = r["locations"][0]["physicalLocation"]
        assert not loc["artifactLocation"]["uri"].startswith(("/", "./")), "URIs are relative to the repository"
        assert loc["region"]["startLine"] >= 1
    print(f"upload-sarif (stand-in): {len(run['results'])} result(s) in valid SARIF 2.1.0")
    if fails:
        print("upload-sarif (stand-in): Resource not accessible by integration (no security-events: write)")
        return 1
    return 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("action_dir")
    ap.add_argument("workspace")
    ap.add_argument("--input", action="append", default=[])
    ap.add_argument("--upload", choices=["ok", "fails"], default="ok")
    args = ap.parse_args()
    action_dir = os.path.abspath(args.action_dir)
    with open(os.path.join(action_dir, "action.yml")) as f:
        action = yaml.safe_load(f)
    assert action["runs"]["using"] == "composite"
    inputs = {k: str(v.get("default", "")) for k, v in action.get("inputs", {}).items()}
    for kv in args.input:
        k, v = kv.split("=", 1)
        assert k in inputs, f"unknown input {k}"
        inputs[k] = v
    temp = tempfile.mkdtemp()
    ctx = {"inputs": inputs, "steps": {}, "action_path": action_dir, "failed": False}
    path_file = os.path.join(temp, "path")
    open(path_file, "w").close()
    result = 0
    for i, step in enumerate(action["runs"]["steps"]):
        name = step.get("name", f"step {i}")
        condition = str(step.get("if", "success()"))
        if not evaluate(EXPR.sub(lambda m: m.group(1), condition), ctx):
            print(f"== {name}: skipped")
            if "id" in step:
                ctx["steps"][step["id"]] = {"outputs": {}, "outcome": "skipped"}
            continue
        print(f"== {name}", flush=True)
        outputs = {}
        if "uses" in step:
            assert step["uses"].startswith("github/codeql-action/upload-sarif@"), step["uses"]
            code = upload_sarif(fill(step["with"]["sarif_file"], ctx), args.upload == "fails")
        else:
            assert step["shell"] == "bash"
            out_file = os.path.join(temp, f"output{i}")
            open(out_file, "w").close()
            env = dict(os.environ)
            with open(path_file) as f:
                extra = [line.strip() for line in f if line.strip()]
            env["PATH"] = ":".join(extra[::-1] + [env["PATH"]])
            env.update({"GITHUB_ACTION_PATH": action_dir, "GITHUB_OUTPUT": out_file, "GITHUB_PATH": path_file,
                        "GITHUB_WORKSPACE": args.workspace, "RUNNER_TEMP": temp, "GITHUB_ACTIONS": "true"})
            env.update({k: fill(v, ctx) for k, v in step.get("env", {}).items()})
            code = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                                  cwd=args.workspace, env=env).returncode
            with open(out_file) as f:
                for line in f:
                    if "=" in line:
                        k, v = line.rstrip("\n").split("=", 1)
                        outputs[k] = v
        outcome = "success" if code == 0 else "failure"
        if "id" in step:
            ctx["steps"][step["id"]] = {"outputs": outputs, "outcome": outcome}
        if code != 0 and not step.get("continue-on-error", False):
            print(f"== {name}: failed ({code})")
            ctx["failed"] = True
            result = result or code
    print(f"== job result: {result}")
    sys.exit(result)


if __name__ == "__main__":
    main()
