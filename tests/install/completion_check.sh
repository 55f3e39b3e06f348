#!/usr/bin/env bash
# The bash completion script, as bash runs it: COMP_WORDS in, COMPREPLY out.
# Usage: completion_check.sh COMPLETION_SCRIPT EXAMPLES_DIR
set -euo pipefail
# shellcheck source=/dev/null
source "$1"
cd "$2"
status=0
expect() {  # EXPECTED-WORDS WORD... : completing the last word gives exactly EXPECTED-WORDS
  local want=$1; shift
  COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=()
  _raylog_gen
  local got="${COMPREPLY[*]}"
  if [[ $got == "$want" ]]; then echo "ok: [$*] -> $want"; else echo "FAIL: [$*] -> '$got', expected '$want'"; status=1; fi
}
expect "render schema inject plugin krm lint explain rules version completion" raylog-gen ""
expect "render rules" raylog-gen r
expect "lint" raylog-gen li
expect "text json sarif github" raylog-gen lint -f ""
expect "sarif" raylog-gen lint --format s
expect "auto always" raylog-gen lint --color a
expect "warning" raylog-gen lint --fail-on w
expect "--format --fail-on --fix" raylog-gen lint --f
expect "-f" raylog-gen lint -f
expect "install" raylog-gen plugin ""
expect "--help --home" raylog-gen plugin install --h
expect "RL201 RL202 RL203 RL204 RL205 RL206 RL207 RL208 RL209 RL210 RL211 RL212 RL213 RL214 RL215 RL216" raylog-gen explain RL2
expect "bash" raylog-gen completion b
expect "--quiet" raylog-gen render --q
expect "--output --out-dir" raylog-gen render --ou
# Files for arguments and file options; an option's value is not mistaken for a subcommand.
expect "sidecar-stdout/raylog.yaml sidecar-stdout/rendered.yaml" raylog-gen render sidecar-stdout/r
expect "sidecar-stdout/raylog.yaml sidecar-stdout/rendered.yaml" raylog-gen inject --spec sidecar-stdout/r
expect "sidecar-stdout/raylog.yaml sidecar-stdout/rendered.yaml" raylog-gen lint --spec render sidecar-stdout/r
expect "" raylog-gen version ""
exit $status
