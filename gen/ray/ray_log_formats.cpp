#include "ray/ray_log_formats.h"

#include <string>

namespace raylog {

namespace {
// Ray's timestamp, "%Y-%m-%d %H:%M:%S,%ms" in every text format.
const std::string kTs = "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2},\\d{3}";
// A line that opens a record: Python/C++ (time first, C++ in brackets) or Serve (level first).
const std::string kStart = "\\[?" + kTs + "|[A-Z]+ " + kTs;
const std::string kTraceback = "Traceback \\(most recent call last\\):";
}  // namespace

// ray/_private/ray_constants.py LOGGER_FORMAT: "%(asctime)s\t%(levelname)s %(filename)s:%(lineno)s -- %(message)s"
const std::string kRayPythonRegexText =
    "^(?<time>" + kTs + ")\\s+(?<level>[A-Z]+) (?<source>[^\\s:]+:\\d+) -- (?<message>[\\s\\S]*)$";
// src/ray/util/logging.cc: spdlog pattern "[%Y-%m-%d %H:%M:%S,%e %L %P %t] " and spdlog's short
// level letters T D I W E C (C is RAY_FATAL); RAY_LOG_TO_STDERR adds "(component) ".
const std::string kRayCppRegexText =
    "^\\[(?<time>" + kTs + ") (?<level>[TDIWECF]) (?<pid>\\d+) (?<tid>\\d+)\\] "
    "(?:\\((?<component>[^)]+)\\) )?(?<source>[^\\s:]+:\\d+): (?<message>[\\s\\S]*)$";
// ray/serve/_private/logging_utils.py ServeFormatter: "%(levelname)s %(asctime)s {component_name}
// {component_id} " [request_id] [route], then SERVE_LOG_RECORD_FORMAT's message
// "%(filename)s:%(lineno)d - %(message)s" (releases before 2.10: "-- %(message)s").
const std::string kRayServeRegexText =
    "^(?<level>[A-Z]+) (?<time>" + kTs + ") (?<serve_component>\\S+) (?<serve_component_id>\\S+) "
    "(?:(?<serve_context>[^\\n]*?) )?\?(?:(?<source>[^\\s:]+:\\d+) )?--? (?<message>[\\s\\S]*)$";
const std::string kRecordStartRegexText = "^(?:" + kStart + ")";
const std::string kRecordFirstLineRegexText = "^(?:" + kStart + "|" + kTraceback + ")";

const char* const kRayPythonRegex = kRayPythonRegexText.c_str();
const char* const kRayCppRegex = kRayCppRegexText.c_str();
const char* const kRayServeRegex = kRayServeRegexText.c_str();
const char* const kRecordStartRegex = kRecordStartRegexText.c_str();
const char* const kRecordFirstLineRegex = kRecordFirstLineRegexText.c_str();

const char* const kRecordOpener = kStart.c_str();
const char* const kTracebackHeader = kTraceback.c_str();
const std::string kTracebackContinuationText =
    "\\s|$|During handling|The above exception|[A-Za-z_][\\w.]*(?:Error|Exception|Exit|Interrupt|Warning|Failure)\\b";
const char* const kTracebackContinuation = kTracebackContinuationText.c_str();
// \x22 is the quote: Fluent Bit's classic format quotes a multiline rule's regex with '"'.
const char* const kJsonRecordOpener = "\\{\\x22";

}  // namespace raylog
