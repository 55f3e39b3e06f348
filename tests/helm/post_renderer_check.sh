#!/usr/bin/env bash
# raylog-gen as a Helm post-renderer, on the exact contract Helm uses (helm/pkg/postrender/exec.go):
# Helm runs the executable with --post-renderer-args as argv (or none), writes the rendered
# manifests ("---", "# Source:" comments, empty documents) to its stdin, and takes stdout as the
# manifests to install; a non-zero exit fails the release and Helm shows stderr.
# helm itself is not needed: the stream is a captured `helm template` output (helm-template.yaml).
# Usage: post_renderer_check.sh BINARY FIXTURE_DIR SPEC PYTHON
set -euo pipefail
bin=$1 dir=$2 spec=$3 python=$4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
cp "$spec" "$work/raylog.yaml"
cd "$work"  # Helm runs the post-renderer in the caller's folder: --spec=raylog.yaml is relative to it

# 1. The argument form: helm install ... --post-renderer raylog-gen
#    --post-renderer-args inject --post-renderer-args --spec=raylog.yaml
"$bin" inject --spec=raylog.yaml <"$dir/helm-template.yaml" >out.yaml 2>err.log || { cat err.log; fail "argument form exited non-zero"; }
cmp -s out.yaml "$dir/post-rendered.yaml" || { diff -u "$dir/post-rendered.yaml" out.yaml || true;
  fail "argument form: output differs from post-rendered.yaml (intended? cmake --build build --target update-golden)"; }
echo "ok: argument form"

# 2. The no-argument form (Helm before 3.10): the spec from RAYLOG_GEN_SPEC.
RAYLOG_GEN_SPEC=raylog.yaml "$bin" <"$dir/helm-template.yaml" >out2.yaml 2>/dev/null || fail "no-argument form exited non-zero"
cmp -s out2.yaml out.yaml || fail "no-argument form differs from the argument form"
echo "ok: no-argument form (RAYLOG_GEN_SPEC)"

# 3. What Helm then parses: objects (and the chart's empty documents, which Helm's kube client
#    skips as null), every input object kept in order, the Ray pods with the agent, the agent's
#    ConfigMap added in the release's namespace; the chart's "# Source:" comments kept.
"$python" - out.yaml "$dir/helm-template.yaml" <<'PY'
import sys, yaml
out = [d for d in yaml.safe_load_all(open(sys.argv[1])) if d is not None]
inp = [d for d in yaml.safe_load_all(open(sys.argv[2])) if d is not None]
assert all(isinstance(d, dict) for d in out), "a non-object document in the output"
sources = lambda path: [l for l in open(path) if l.startswith("# Source:")]
assert sources(sys.argv[1]) == sources(sys.argv[2]), "the chart's # Source: comments are not all kept"
ids = lambda docs: [(d["kind"], d["metadata"]["name"]) for d in docs]
assert ids(out)[:len(inp)] == ids(inp), (ids(out), ids(inp))
added = ids(out)[len(inp):]
assert added == [("ConfigMap", "demo-fluent-bit")], added
assert out[-1]["metadata"]["namespace"] == "ray"
cluster = out[1]["spec"]
for tpl in [cluster["headGroupSpec"]["template"]] + [g["template"] for g in cluster["workerGroupSpecs"]]:
    assert "fluent-bit" in [c["name"] for c in tpl["spec"].get("initContainers", []) + tpl["spec"]["containers"]]
    assert tpl["spec"]["serviceAccountName"] == "demo-ray"  # the chart's values survive
assert out[0] == inp[0] and out[2] == inp[2], "objects other than Ray's changed"
print("ok: the output is the chart's objects in order, Ray pods with the agent, plus its ConfigMap")
PY

# 4. Idempotent: Helm upgrade post-renders again from the chart, but a chart that already carries
#    the pieces (post-rendered output fed back) must not grow.
"$bin" inject --spec=raylog.yaml <out.yaml >again.yaml 2>/dev/null
cmp -s again.yaml out.yaml || fail "post-rendering the post-rendered stream changed it"
echo "ok: idempotent"

# 5. Failure: a broken spec exits non-zero with the error on stderr and nothing on stdout, so Helm
#    stops before installing anything.
printf 'apiVersion: raylog.dev/v1alpha1\nkind: RayLogging\nmetadata: {name: demo}\nspec:\n  outptu: {type: stdout}\n' >bad.yaml
code=0
"$bin" inject --spec=bad.yaml <"$dir/helm-template.yaml" >bad.out 2>bad.err || code=$?
[[ $code == 2 ]] || fail "broken spec: exit $code, expected 2"
[[ ! -s bad.out ]] || fail "broken spec: something was written to stdout"
grep -q "bad.yaml:5:3: error: unknown key 'outptu'" bad.err || { cat bad.err; fail "broken spec: no file:line:col error"; }
echo "ok: a broken spec fails the release with file:line:col"

# 6. A chart without Ray objects passes through unchanged (no ConfigMap for nobody).
printf -- '---\n# Source: x/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: b\n' >plain.yaml
"$bin" inject --spec=raylog.yaml <plain.yaml >plain.out 2>/dev/null
"$python" -c 'import sys, yaml; d = list(yaml.safe_load_all(open(sys.argv[1]))); assert d == [{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}, "data": {"a": "b"}}], d' plain.out
echo "helm post-renderer: ok"
