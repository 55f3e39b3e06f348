#!/usr/bin/env python3
"""Rewrites tests/crd/schemas/ from KubeRay's CRDs at a release.

    tests/crd/refresh_schemas.py --git-dir KUBERAY/.git --rev v1.7.0
    tests/crd/refresh_schemas.py --checkout KUBERAY        # a working tree at the wanted release

Each schema is spec.versions[name=v1].schema.openAPIV3Schema of
ray-operator/config/crd/bases/ray.io_<plural>.yaml, written as JSON with a 2-space indent and
sorted keys, so a refresh shows in `git diff` only what KubeRay changed. Then update the commit
named in tests/crd/schemas/README.md.
"""
import argparse
import json
import os
import subprocess
import sys

import yaml

CRDS = {"raycluster": "rayclusters", "rayjob": "rayjobs", "rayservice": "rayservices"}
HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "schemas")


def read(args, plural):
    path = "ray-operator/config/crd/bases/ray.io_%s.yaml" % plural
    if args.checkout:
        with open(os.path.join(args.checkout, path), encoding="utf-8") as f:
            return f.read()
    return subprocess.run(["git", "--git-dir", args.git_dir, "show", "%s:%s" % (args.rev, path)],
                          check=True, capture_output=True, text=True).stdout


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--git-dir")
    p.add_argument("--rev", default="v1.7.0")
    p.add_argument("--checkout")
    args = p.parse_args()
    if not (args.git_dir or args.checkout):
        p.error("give --git-dir (with --rev) or --checkout")
    for kind, plural in CRDS.items():
        crd = yaml.safe_load(read(args, plural))
        (v1,) = [v for v in crd["spec"]["versions"] if v["name"] == "v1"]
        out = os.path.join(HERE, "ray.io_v1_%s.schema.json" % kind)
        with open(out, "w", encoding="utf-8") as f:
            json.dump(v1["schema"]["openAPIV3Schema"], f, indent=2, sort_keys=True)
            f.write("\n")
        print("wrote", out, file=sys.stderr)


if __name__ == "__main__":
    main()
