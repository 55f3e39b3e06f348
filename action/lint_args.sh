# shellcheck shell=bash disable=SC2034  # the arrays are used by the scripts that source this
# Sourced by lint.sh and annotate.sh: the lint command line from the action's inputs, in the
# array `lint_args` (paths split on spaces; no shell evaluation of the inputs).
read -ra lint_paths <<<"${RAYLOG_PATHS:-.}"
lint_args=(lint --color=never --fail-on "${RAYLOG_FAIL_ON:-error}")
if [[ -n ${RAYLOG_CONFIG:-} ]]; then lint_args+=(--config "$RAYLOG_CONFIG"); fi
