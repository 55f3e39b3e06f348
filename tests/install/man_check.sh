#!/usr/bin/env bash
# The installed man page renders with man -l, without roff warnings, and documents every command.
# Skipped (77) where man is not installed.
# Usage: man_check.sh MANPAGE BINARY
set -euo pipefail
command -v man >/dev/null || { echo "skipped: man is not installed (apt-get install man-db)"; exit 77; }
page=$1 bin=$2
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
MANWIDTH=100 MAN_KEEP_STDERR=1 man --warnings -l "$page" >"$out" 2>"$err" </dev/null
if [[ -s $err ]]; then echo "FAIL: man reported:"; cat "$err"; exit 1; fi
status=0
for want in "RAYLOG-GEN(1)" NAME SYNOPSIS "EXIT STATUS" ENVIRONMENT NO_COLOR "raylog-gen lint" "--color VALUE" "-f, --format VALUE"; do
  grep -qF -- "$want" "$out" || { echo "FAIL: the rendered page lacks '$want'"; status=1; }
done
# Every subcommand --help lists has its section.
for cmd in $("$bin" --help | sed -n '/^Subcommands:/,/^$/p' | awk 'NR > 1 && NF {print $1}'); do
  grep -q "^   raylog-gen $cmd\$" "$out" || { echo "FAIL: no section for raylog-gen $cmd"; status=1; }
done
((status == 0)) && echo "man page: ok ($(wc -l <"$out") lines)"
exit $status
