# shellcheck shell=bash
# Shared by the stub aws/eksctl/kubectl/jq: record the call, one shell-quoted line per call, so
# tests can compare exact argument lists. STUB_EXISTING=1 makes every "get" find its resource.
record() {
  {
    printf '%s' "$(basename "$0")"
    printf ' %q' "$@"
    printf '\n'
  } >>"${STUB_LOG:?STUB_LOG must be set}"
}
exists() { [ "${STUB_EXISTING:-0}" = 1 ]; }
