#!/usr/bin/env bash
# The Debian package on a brand-new Debian bookworm root (debootstrap minbase): build it with
# CPack, check Depends came from the linked libraries, `apt-get install ./raylog-gen_*.deb`
# there (apt fetches exactly those dependencies), then run the installed raylog-gen: render an
# example byte for byte, lint its output, the man page and completion in place.
# Skipped (77) when not root, or without debootstrap or dpkg-shlibdeps (dpkg-dev).
# The minbase root is cached as a tarball in ${XDG_CACHE_HOME:-~/.cache}/raylog-gen (minutes to
# make, once); RAYLOG_BOOKWORM_ROOT_TAR names another.
# Usage: deb_check.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
src=$(cd "$1" && pwd) build=$(cd "$2" && pwd)
[[ $(id -u) == 0 ]] || { echo "skipped: needs root (debootstrap, chroot)"; exit 77; }
command -v debootstrap >/dev/null || { echo "skipped: debootstrap is not installed"; exit 77; }
command -v dpkg-shlibdeps >/dev/null || { echo "skipped: dpkg-shlibdeps is not installed (dpkg-dev)"; exit 77; }
fail() { echo "FAIL: $*" >&2; exit 1; }

work=$(mktemp -d)
root=$work/root
cleanup() {
  mountpoint -q "$root/proc" && umount "$root/proc"
  rm -rf --one-file-system "$work"
}
trap cleanup EXIT

cpack --config "$build/CPackConfig.cmake" -G DEB -B "$work/pkg" >"$work/cpack.log" 2>&1 || { cat "$work/cpack.log"; fail "cpack"; }
deb=$(ls "$work"/pkg/raylog-gen_*.deb)
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for lib in libyaml-cpp0.7 libboost-filesystem1.74.0 libstdc++6; do
  [[ $depends == *"$lib"* ]] || fail "Depends lacks $lib"
done

base=${RAYLOG_BOOKWORM_ROOT_TAR:-${XDG_CACHE_HOME:-$HOME/.cache}/raylog-gen/bookworm-minbase.tar}
if [[ ! -f $base ]]; then
  echo "debootstrap bookworm (once; cached in $base)"
  mkdir -p "$(dirname "$base")" "$work/fresh"
  debootstrap --variant=minbase bookworm "$work/fresh" >"$work/debootstrap.log" 2>&1 || { tail -20 "$work/debootstrap.log"; fail "debootstrap"; }
  tar -C "$work/fresh" -cf "$base.part" . && mv "$base.part" "$base"
  rm -rf --one-file-system "$work/fresh"
fi
mkdir "$root"
tar -C "$root" -xf "$base"
cp /etc/resolv.conf "$root/etc/resolv.conf"
mount -t proc proc "$root/proc"
mkdir -p "$root/check"
cp "$deb" "$src/examples/sidecar-stdout/raylog.yaml" "$src/examples/sidecar-stdout/rendered.yaml" "$root/check/"
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 /bin/bash -c "$1"; }

in_root 'command -v raylog-gen' && fail "the fresh root already has raylog-gen"
in_root 'export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && apt-get install -y -qq --no-install-recommends /check/raylog-gen_*.deb' \
  >"$work/apt.log" 2>&1 || { tail -30 "$work/apt.log"; fail "apt-get install of the package"; }
echo "installed: $(in_root 'dpkg-query -W raylog-gen')"
in_root 'raylog-gen version'
in_root 'cd /check && raylog-gen render raylog.yaml > out.yaml && cmp out.yaml rendered.yaml' || fail "render in the fresh root"
in_root 'cd /check && raylog-gen lint out.yaml' || fail "lint in the fresh root"
in_root 'cd /check && printf "apiVersion: ray.io/v1\nkind: RayCluster\nmetadata: {name: x}\nspec: {headGroupSpec: {template: {spec: {containers: [{name: ray-head, image: rayproject/ray:2.9.0}, {name: fluent-bit, image: fluent/fluent-bit:latest}]}}}}\n" > bad.yaml; raylog-gen lint bad.yaml; test $? = 1' \
  || fail "lint of a bad manifest in the fresh root does not exit 1"
for f in /usr/share/man/man1/raylog-gen.1 /usr/share/bash-completion/completions/raylog-gen /usr/share/doc/raylog-gen/LICENSE; do
  [[ -f $root$f ]] || fail "$f not installed by the package"
done
echo "deb: ok"
