#!/usr/bin/env python3
"""Operator-wide logging, run for real: the Ray pods KubeRay's operator would create.

  operator_pods.py SPEC CLUSTERS --raylog-gen BINARY (--lint-only | --engine ENGINE)

1. raylog-gen render SPEC --operator-values VALUES --namespace NS... (every namespace CLUSTERS
   uses): the Helm values and the agent's ConfigMap per namespace;
2. raylog-gen inject --spec SPEC --operator CLUSTERS: the volumes and the Ray container's mount;
3. the pods assembled as the operator assembles them: configuration.headSidecarContainers appended
   to the head's containers, workerSidecarContainers to every worker group's
   (ray-operator/controllers/ray/raycluster_controller.go buildHeadPod/buildWorkerPod, v1.7.0);
4. raylog-gen lint: CLUSTERS as given fails with --operator-values (RL130, RL131); the injected
   clusters pass with it; the assembled pods pass without it, as per-resource pods do;
5. unless --lint-only: run_pods.py runs the assembled pods' agents against the backends'
   stand-ins and checks every Ray line arrives with its origin (exit codes as run_pods.py's).
"""
import argparse
import os
import subprocess
import sys
import tempfile

try:
    import yaml
except ImportError:
    print("skipped: python3-yaml is not installed")
    sys.exit(77)

HERE = os.path.dirname(os.path.abspath(__file__))


def run(cmd, expect=0, **kw):
    p = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if p.returncode != expect:
        sys.exit(f"{' '.join(cmd)}: exit {p.returncode}, expected {expect}\n{p.stdout}{p.stderr}")
    return p.stdout


def cluster_specs(doc):
    spec = doc.get("spec") or {}
    return {"RayCluster": spec, "RayJob": spec.get("rayClusterSpec"),
            "RayService": spec.get("rayClusterConfig")}.get(doc.get("kind"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("spec")
    ap.add_argument("clusters")
    ap.add_argument("--raylog-gen", required=True)
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--lint-only", action="store_true")
    mode.add_argument("--engine")
    args = ap.parse_args()
    binary = args.raylog_gen
    with open(args.clusters, encoding="utf-8") as f:
        clusters = [d for d in yaml.safe_load_all(f) if d]
    namespaces = sorted({(d.get("metadata") or {}).get("namespace", "") for d in clusters if cluster_specs(d)})
    if "" in namespaces:
        sys.exit(f"{args.clusters}: give every Ray object a namespace")
    with tempfile.TemporaryDirectory(prefix="raylog-operator-") as tmp:
        values = os.path.join(tmp, "values.yaml")
        ns_args = [a for ns in namespaces for a in ("--namespace", ns)]
        config_maps = run([binary, "render", args.spec, "--operator-values", values] + ns_args)
        injected = run([binary, "inject", "--spec", args.spec, "--operator", args.clusters])
        with open(values, encoding="utf-8") as f:
            configuration = yaml.safe_load(f)["configuration"]
        pods = []
        for d in yaml.safe_load_all(injected):
            cs = cluster_specs(d) if d else None
            if cs:
                groups = [(cs["headGroupSpec"], "headSidecarContainers")]
                groups += [(g, "workerSidecarContainers") for g in cs.get("workerGroupSpecs") or []]
                for group, key in groups:
                    group["template"]["spec"]["containers"] += configuration.get(key) or []
            if d:
                pods.append(d)
        files = {name: os.path.join(tmp, name) for name in ("configmaps.yaml", "injected.yaml", "assembled.yaml")}
        with open(files["configmaps.yaml"], "w", encoding="utf-8") as f:
            f.write(config_maps)
        with open(files["injected.yaml"], "w", encoding="utf-8") as f:
            f.write(injected)
        with open(files["assembled.yaml"], "w", encoding="utf-8") as f:
            f.write(config_maps + "---\n" + yaml.safe_dump_all(pods, sort_keys=False))
        lint = [binary, "lint", "--color=never"]
        out = run(lint + ["--operator-values", values, args.clusters], expect=1)
        for rule in ("RL130", "RL131"):
            if rule not in out:
                sys.exit(f"lint --operator-values of {args.clusters} as given did not report {rule}:\n{out}")
        run(lint + ["--fail-on", "warning", "--operator-values", values, files["injected.yaml"], files["configmaps.yaml"]])
        # RL116 would warn on a RayJob: the operator appends classic sidecars only (README).
        run(lint + ["--fail-on", "warning", "--disable", "RL116", files["assembled.yaml"]])
        print(f"lint: {args.clusters} RL130+RL131 before inject --operator; clean after; assembled pods clean")
        if args.lint_only:
            return 0
        return subprocess.run([sys.executable, os.path.join(HERE, "run_pods.py"), files["assembled.yaml"],
                               "--engine", args.engine]).returncode


if __name__ == "__main__":
    sys.exit(main())
