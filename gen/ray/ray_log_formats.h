#pragma once
// How Ray's log lines look (DOMAIN §1), as regexes every agent's parsers use:
// - Python: "2024-01-24 19:42:05,087 INFO dashboard.py:95 -- message" (tab or space after the time)
// - C++:    "[2024-01-24 19:42:02,978 I 1829336 1829336] grpc_server.cc:103: message", with
//           the "(component)" prefix RAY_LOG_TO_STDERR adds
// - Serve:  "INFO 2026-01-05 10:00:00,123 proxy 10.0.0.1 <request id> <route> proxy.py:12 - message"
//           (logs/serve/: level first)
// Each extracts time, level, source (file:line) and message. Onigmo syntax (Fluent Bit and
// Fluentd's Ruby); std::regex-compatible once (?<name> is dropped.
namespace raylog {

extern const char* const kRayPythonRegex;
extern const char* const kRayCppRegex;
extern const char* const kRayServeRegex;
extern const char* const kRecordStartRegex;      // a timestamped line (Python, C++, Serve)
extern const char* const kRecordFirstLineRegex;  // that, or a traceback's first line (Fluentd's format_firstline)

// The parts the anchored regexes above are made of, for agents' multiline state machines:
extern const char* const kRecordOpener;     // what opens a record (timestamp first, or level then timestamp)
extern const char* const kTracebackHeader;  // Python's "Traceback (most recent call last):"
// The lines that continue a Python traceback after its header: indented frames, blank lines,
// the chained-exception notes, and the closing "SomeError: ..." line (unanchored).
extern const char* const kTracebackContinuation;
// What opens a JSON record of Ray's structured logging: json.dumps of a dict, '{"' (as \{\x22).
extern const char* const kJsonRecordOpener;

}  // namespace raylog
