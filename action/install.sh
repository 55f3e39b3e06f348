#!/usr/bin/env bash
# The action's install step: a raylog-gen already on PATH is used as it is; else the .deb named by
# RAYLOG_DEB (a path, or an http(s) URL) is installed with apt; else raylog-gen is built from the
# action's own checkout (GITHUB_ACTION_PATH) and put on the job's PATH (GITHUB_PATH).
set -euo pipefail
if command -v raylog-gen >/dev/null; then
  echo "using $(command -v raylog-gen)"
  raylog-gen version
  exit 0
fi
SUDO=$(command -v sudo || true)
if [[ -n ${RAYLOG_DEB:-} ]]; then
  deb=$RAYLOG_DEB
  if [[ $deb == http://* || $deb == https://* ]]; then
    curl -fsSL -o "$RUNNER_TEMP/raylog-gen.deb" "$deb"
    deb=$RUNNER_TEMP/raylog-gen.deb
  fi
  deb=$(realpath "$deb")  # apt takes a local package by its path
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$deb"
  raylog-gen version
  exit 0
fi
$SUDO env DEBIAN_FRONTEND=noninteractive sh -c 'apt-get update -qq && apt-get install -y -qq --no-install-recommends cmake make g++ libyaml-cpp-dev libcli11-dev libboost-filesystem-dev nlohmann-json3-dev libvalijson-dev'
build=$RUNNER_TEMP/raylog-gen-build
cmake -S "$GITHUB_ACTION_PATH" -B "$build" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF
cmake --build "$build" --parallel --target raylog-gen
echo "$build" >>"$GITHUB_PATH"
"$build/raylog-gen" version
