#!/usr/bin/env bash
# cmake --install into a temporary prefix, and with DESTDIR under /usr as a package would: every
# file lands where its tool looks for it, and the installed binary renders and lints.
# Usage: install_check.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
src=$(cd "$1" && pwd) build=$(cd "$2" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

check_tree() {  # ROOT PREFIX: the installed files under ROOT/PREFIX, and the binary working
  local root=$1 prefix=$2 bin
  for f in bin/raylog-gen share/man/man1/raylog-gen.1 share/bash-completion/completions/raylog-gen \
           share/zsh/vendor-completions/_raylog-gen share/fish/vendor_completions.d/raylog-gen.fish \
           share/raylog-gen/raylogging.schema.json share/doc/raylog-gen/README.md \
           share/doc/raylog-gen/CHANGELOG.md share/doc/raylog-gen/LICENSE; do
    [[ -f $root$prefix/$f ]] || fail "$prefix/$f not installed"
  done
  bin=$root$prefix/bin/raylog-gen
  [[ -x $bin ]] || fail "$bin is not executable"
  "$bin" version | grep -q '^raylog-gen [0-9]' || fail "installed binary: version"
  (cd "$tmp" && "$bin" render "$src/examples/sidecar-stdout/raylog.yaml") > "$tmp/rendered.yaml"
  cmp -s "$tmp/rendered.yaml" "$src/examples/sidecar-stdout/rendered.yaml" || fail "installed binary renders differently"
  (cd "$tmp" && "$bin" lint "$tmp/rendered.yaml") >/dev/null || fail "installed binary: lint of its own output"
  cmp -s "$root$prefix/share/raylog-gen/raylogging.schema.json" <("$bin" schema) || fail "installed schema differs from the embedded one"
  echo "ok: $root$prefix"
}

cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
check_tree "" "$tmp/prefix"
DESTDIR="$tmp/destdir" cmake --install "$build" --prefix /usr >/dev/null
check_tree "$tmp/destdir" /usr
# Nothing outside DESTDIR: only usr/ below it.
[[ $(ls "$tmp/destdir") == usr ]] || fail "DESTDIR holds more than usr/: $(ls "$tmp/destdir")"
echo "install: ok"
