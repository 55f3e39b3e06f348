#!/bin/sh
# A short libFuzzer run: run_fuzz.sh BINARY SECONDS RANDOM_SEED DICT WORK_CORPUS SEED_DIR...
# New inputs go to WORK_CORPUS (in the build tree), never into the seed folders; a crash, leak,
# hang (25 s on one input: a busy CI machine must not make a slow input a failure) or failed
# property is written next to WORK_CORPUS (<target>-crash-*) and fails the test with exit 1:
# libFuzzer's own default, 77, is what ctest reads as "skipped".
set -eu
binary=$1 seconds=$2 seed=$3 dict=$4 work=$5
shift 5
mkdir -p "$work"
exec "$binary" -error_exitcode=1 -timeout_exitcode=1 -max_total_time="$seconds" -seed="$seed" -timeout=25 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
  -dict="$dict" -artifact_prefix="$work-" "$work" "$@"
