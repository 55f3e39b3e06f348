#include "agents/fluent_bit/fluent_bit_parsers.h"

#include <string>

#include "ray/ray_log_files.h"
#include "ray/ray_log_formats.h"

namespace raylog {

static FluentBitSection& timedParser(FluentBitConfig& p, const char* name, const char* regex) {
  return p.add("PARSER")
      .set("Name", name)
      .set("Format", "regex")
      .set("Regex", regex)
      .set("Time_Key", "time")
      .set("Time_Format", "%Y-%m-%d %H:%M:%S,%L")
      .set("Time_Keep", "On");
}

std::string rayFileParserName(const RayLogFilePattern& pattern) { return "ray_file_" + pattern.name; }

FluentBitConfig rayParsers() {
  FluentBitConfig p;
  timedParser(p, "ray_python", kRayPythonRegex);
  timedParser(p, "ray_cpp", kRayCppRegex);
  timedParser(p, "ray_serve", kRayServeRegex);
  // Ray's JSON records (python/ray/_private/ray_logging/formatters.py JSONFormatter; C++
  // src/ray/util/logging.cc kLogFormatJsonPattern) carry their time as "asctime" in the text
  // formats' layout; every other key stays a field of the record.
  p.add("PARSER")
      .set("Name", "ray_json")
      .set("Format", "json")
      .set("Time_Key", "asctime")
      .set("Time_Format", "%Y-%m-%d %H:%M:%S,%L")
      .set("Time_Keep", "On");
  // Job, worker, pid and component from the file's path (ray/ray_log_files.h); no time, so the
  // parser filter keeps the record's own (plugins/filter_parser/filter_parser.c: a zero parsed
  // time leaves it).
  for (const RayLogFilePattern& f : rayLogFilePatterns())
    p.add("PARSER").set("Name", rayFileParserName(f)).set("Format", "regex").set("Regex", f.regex);
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
      .rule("start_state", std::string("/") + kRecordStartRegex + "/", "cont")
      .rule("start_state", std::string("/^") + kTracebackHeader + "/", "traceback")
      // A JSON record (Ray's structured logging) is one line and a record of its own: its
      // state's rule matches nothing, so the next line starts afresh. Fluent Bit wants every
      // next_state to be some rule's state (src/multiline/flb_ml_rule.c set_to_state_map).
      .rule("start_state", std::string("/^") + kJsonRecordOpener + "/", "json")
      .rule("json", "/(?!)/", "json")
      .rule("cont", std::string("/^(?!") + kRecordOpener + "|" + kJsonRecordOpener + ")/", "cont")
      .rule("traceback",
            "/^(?:\\s|$|During handling|The above exception|" + std::string(kTracebackHeader) +
                "|[A-Za-z_][\\w.]*(?:Error|Exception|Exit|Interrupt|Warning|Failure)\\b)/",
            "traceback");
  return p;
}

}  // namespace raylog
