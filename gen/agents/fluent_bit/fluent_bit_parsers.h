#pragma once
// Fluent Bit parsers for Ray's log lines (their regexes: ray/ray_log_formats.h), written to the
// agent's parsers file:
// - ray_python: "2024-01-24 19:42:05,087 INFO dashboard.py:95 -- message" (tab or space after the time)
// - ray_cpp:    "[2024-01-24 19:42:02,978 I 1829336 1829336] grpc_server.cc:103: message", with
//               the "(component)" prefix RAY_LOG_TO_STDERR adds
// - ray_serve:  "INFO 2026-01-05 10:00:00,123 proxy 10.0.0.1 <request id> <route> proxy.py:12 - message"
//               (logs/serve/: level first)
// - ray_python_multiline: a record continues until the next line that starts with a timestamp,
//               so Python tracebacks stay with the ERROR line before them; in a worker's
//               stderr (no timestamps) a traceback is a record of its own
// - ray_json:   structured logging (opt-in: agent.logFormat json)
// - ray_file_*: the job, worker, pid and component a file's name tells (ray/ray_log_files.h)
// Each extracts time, level, source (file:line) and message; a line no parser matches is kept.
#include <string>

#include "agents/fluent_bit/fluent_bit_config.h"
#include "spec/spec.h"

namespace raylog {

inline constexpr const char* kParsersKey = "raylog-parsers.conf";
inline constexpr const char* kParsersPath = "/fluent-bit/etc/raylog/raylog-parsers.conf";  // in kFluentBitConfigDir

struct RayLogFilePattern;
std::string rayFileParserName(const RayLogFilePattern& pattern);

// The [PARSER] and [MULTILINE_PARSER] sections.
FluentBitConfig rayParsers();


}  // namespace raylog
