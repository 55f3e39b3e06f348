#!/usr/bin/env bash
# The pre-commit hook as a user meets it: a scratch repository whose .pre-commit-config.yaml
# names a hook repository holding this project's .pre-commit-hooks.yaml; `pre-commit install`,
# then a commit with a broken manifest is refused (with the finding shown) and one with a good
# manifest goes through. Offline: a `language: system` hook installs nothing.
# Skipped (77) without pre-commit (Debian package pre-commit) or git.
# Usage: pre_commit_check.sh SOURCE_DIR BINARY
set -euo pipefail
src=$(cd "$1" && pwd) bin=$2
command -v pre-commit >/dev/null || { echo "skipped: pre-commit is not installed"; exit 77; }
command -v git >/dev/null || { echo "skipped: git is not installed"; exit 77; }
fail() { echo "FAIL: $*" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/bin"
ln -s "$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")" "$work/bin/raylog-gen"
export PATH="$work/bin:$PATH" HOME="$work/home" PRE_COMMIT_HOME="$work/cache"
export GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.invalid GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.invalid
mkdir -p "$HOME"

git init -q "$work/hooks"
cp "$src/.pre-commit-hooks.yaml" "$work/hooks/"
git -C "$work/hooks" add .pre-commit-hooks.yaml
git -C "$work/hooks" commit -qm hooks
rev=$(git -C "$work/hooks" rev-parse HEAD)

git init -q "$work/repo"
cd "$work/repo"
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $work/hooks
    rev: $rev
    hooks:
      - id: raylog-gen-lint
YAML
git add .pre-commit-config.yaml
git commit -qm config --no-verify
pre-commit install >/dev/null

# Bad: the guide-style manifest (Path_Key true, ...): refused, with the finding in the output.
cp "$src/tests/lint/guide-style.yaml" cluster.yaml
git add cluster.yaml
if git commit -qm bad >"$work/bad.log" 2>&1; then cat "$work/bad.log"; fail "a commit with a broken manifest went through"; fi
grep -q "raylog-gen lint.*Failed" "$work/bad.log" || { cat "$work/bad.log"; fail "the hook did not report a failure"; }
grep -q "cluster.yaml:14:9: error: Path_Key true" "$work/bad.log" || { cat "$work/bad.log"; fail "the finding is not shown"; }
echo "ok: the broken manifest is refused"

# Good: a rendered example.
cp "$src/examples/sidecar-stdout/rendered.yaml" cluster.yaml
git add cluster.yaml
git commit -qm good >"$work/good.log" 2>&1 || { cat "$work/good.log"; fail "a commit with a good manifest was refused"; }
grep -q "raylog-gen lint.*Passed" "$work/good.log" || { cat "$work/good.log"; fail "the hook did not run on the good manifest"; }
echo "ok: the good manifest is committed"
# Files that are not YAML are not passed to the hook.
echo notes > NOTES.txt && git add NOTES.txt && git commit -qm notes >"$work/txt.log" 2>&1 || { cat "$work/txt.log"; fail "a text file commit"; }
grep -q "raylog-gen lint.*Skipped" "$work/txt.log" || { cat "$work/txt.log"; fail "the hook ran on a text file"; }
echo "pre-commit: ok"
