#!/usr/bin/env bash
# lint --color=auto on a real terminal (a pty from script(1)): coloured, unless NO_COLOR is set
# or TERM is dumb; --color=never wins on a terminal, --color=always over NO_COLOR.
# Skipped (77) where script(1) is absent (bsdutils) or no pseudo-terminal can be opened.
# Usage: color_tty_check.sh BINARY BAD_MANIFEST
set -euo pipefail
command -v script >/dev/null || { echo "skipped: script (bsdutils) is not installed"; exit 77; }
script -qec true /dev/null </dev/null >/dev/null 2>&1 || { echo "skipped: no pseudo-terminal can be opened here (/dev/pts)"; exit 77; }
bin=$1 bad=$2
on_tty() { script -qec "$*" /dev/null </dev/null || true; }  # lint exits 1 on findings
esc=$'\e['
status=0
check() {  # DESCRIPTION COLOURED(yes|no) OUTPUT
  local coloured=no
  [[ $3 == *"$esc"* ]] && coloured=yes
  if [[ $coloured == "$2" ]]; then echo "ok: $1"; else echo "FAIL: $1: coloured=$coloured"; status=1; fi
}
check "auto on a terminal" yes "$(TERM=xterm on_tty env -u NO_COLOR "$bin" lint "$bad")"
check "NO_COLOR=1 on a terminal" no "$(TERM=xterm NO_COLOR=1 on_tty "$bin" lint "$bad")"
check "empty NO_COLOR does not count" yes "$(TERM=xterm NO_COLOR= on_tty "$bin" lint "$bad")"
check "TERM=dumb" no "$(TERM=dumb on_tty env -u NO_COLOR "$bin" lint "$bad")"
check "--color=never on a terminal" no "$(TERM=xterm on_tty env -u NO_COLOR "$bin" lint --color=never "$bad")"
check "--color=always over NO_COLOR" yes "$(TERM=xterm NO_COLOR=1 on_tty "$bin" lint --color=always "$bad")"
check "auto into a pipe" no "$(env -u NO_COLOR "$bin" lint "$bad" || true)"
exit $status
