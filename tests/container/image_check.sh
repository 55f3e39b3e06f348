#!/usr/bin/env bash
# The container image's contract: the static raylog-gen the Dockerfile copies, built as it does, runs
# alone in an empty root filesystem as user 65532 (what `FROM scratch` + `USER 65532` gives) and
# answers the KRM function fixtures. With a reachable Docker daemon the Dockerfile itself is also
# built and the image run on the same fixtures; without one that part is reported as not done.
# Skipped (77) without bubblewrap, or where it cannot create namespaces.
# Usage: image_check.sh SOURCE_DIR BUILD_DIR KRM_FIXTURES_DIR
set -euo pipefail
src=$(cd "$1" && pwd) build=$(cd "$2" && pwd) krm=$(cd "$3" && pwd)
command -v bwrap >/dev/null || { echo "skipped: bubblewrap is not installed"; exit 77; }
# Inside a chroot (as fresh-machine-check runs) the kernel refuses new user namespaces.
bwrap --unshare-all --ro-bind / / true 2>/dev/null || { echo "skipped: bubblewrap cannot create namespaces here (e.g. inside a chroot)"; exit 77; }
fail() { echo "FAIL: $*" >&2; exit 1; }

# The Dockerfile's build target, on this machine's bookworm packages.
cmake --build "$build" --parallel 2 --target raylog-gen-static >/dev/null
bin=$build/raylog-gen-static
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
if ldd "$bin" >/dev/null 2>&1; then fail "$bin is dynamically linked"; fi
echo "ok: static ($(du -h "$bin" | cut -f1))"

scratch() {  # ARGS...: the binary alone in an empty root, as uid/gid 65532, no network
  bwrap --unshare-all --uid 65532 --gid 65532 --tmpfs / --ro-bind "$bin" /raylog-gen --chdir / \
        --clearenv /raylog-gen "$@"
}
scratch version
for case in generate:0 transform:0 error:2; do
  name=${case%%:*} want=${case##*:}
  code=0
  scratch krm <"$krm/$name.input.yaml" >"$out/krm-$name.out" 2>/dev/null || code=$?
  [[ $code == "$want" ]] || fail "krm $name: exit $code, expected $want"
  cmp -s "$out/krm-$name.out" "$krm/$name.expected.yaml" || fail "krm $name: output differs from $name.expected.yaml"
  echo "ok: krm $name in an empty root as 65532"
done

if docker info >/dev/null 2>&1; then
  tag=raylog-gen:image-check
  docker build -q -t "$tag" "$src" >/dev/null
  [[ $(docker image inspect -f '{{.Config.User}}' "$tag") == 65532:65532 ]] || fail "image user is not 65532"
  for name in generate transform; do
    docker run -i --rm "$tag" <"$krm/$name.input.yaml" | cmp -s - "$krm/$name.expected.yaml" || fail "image: krm $name"
  done
  echo "ok: docker image built and run"
else
  echo "not done: no reachable Docker daemon, so the Dockerfile itself was not built here"
fi
echo "image: ok"
