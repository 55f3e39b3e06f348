#include "agents/ray_parsers.h"

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

static FluentBitSection& timedParser(FluentBitConfig& p, const char* name, const char* regex) {
  return p.add("PARSER")
      .set("Name", name)
      .set("Format", "regex")
      .set("Regex", regex)
      .set("Time_Key", "time")
      .set("Time_Format", "%Y-%m-%d %H:%M:%S,%L")
      .set("Time_Keep", "On");
}

FluentBitConfig rayParsers() {
  FluentBitConfig p;
  timedParser(p, "ray_python", kRayPythonRegex);
  timedParser(p, "ray_cpp", kRayCppRegex);
  timedParser(p, "ray_serve", kRayServeRegex);
  p.add("PARSER").set("Name", "ray_json").set("Format", "json");
  // A record runs from a line that opens one to the next such line, so tracebacks stay with the
  // ERROR line above them. A worker's stderr has no timestamps: there a traceback opens a record
  // of its own that takes its indented lines and the exception line. Key_Content makes Fluent
  // Bit keep the joined text in "log" without the trailing newline it otherwise appends
  // (src/multiline/flb_ml.c breakline_prepare).
  p.add("MULTILINE_PARSER")
      .set("Name", "ray_python_multiline")
      .set("Type", "regex")
      .set("Flush_Timeout", "1000")
      .set("Key_Content", "log")
      .append("Rule", "\"start_state\" \"/" + kRecordStartRegexText + "/\" \"cont\"")
      .append("Rule", "\"start_state\" \"/^" + kTraceback + "/\" \"traceback\"")
      .append("Rule", "\"cont\" \"/^(?!" + kStart + ")/\" \"cont\"")
      .append("Rule", "\"traceback\" \"/^(?:\\s|$|During handling|The above exception|" + kTraceback +
                          "|[A-Za-z_][\\w.]*(?:Error|Exception|Exit|Interrupt|Warning|Failure)\\b)/\" \"traceback\"");
  return p;
}

}  // namespace raylog
