#include "agents/ray_parsers.h"

namespace raylog {

const char* const kRayPythonRegex =
    "^(?<time>\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2},\\d{3})\\s+(?<level>[A-Z]+) (?<source>[^\\s:]+:\\d+) -- "
    "(?<message>[\\s\\S]*)$";
const char* const kRayCppRegex =
    "^\\[(?<time>\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2},\\d{3}) (?<level>[IWEDF]) (?<pid>\\d+) (?<tid>\\d+)\\] "
    "(?:\\((?<component>[^)]+)\\) )?(?<source>[^\\s:]+:\\d+): (?<message>[\\s\\S]*)$";
const char* const kRecordStartRegex = "^\\[?\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2},\\d{3}";

FluentBitConfig rayParsers() {
  FluentBitConfig p;
  p.add("PARSER")
      .set("Name", "ray_python")
      .set("Format", "regex")
      .set("Regex", kRayPythonRegex)
      .set("Time_Key", "time")
      .set("Time_Format", "%Y-%m-%d %H:%M:%S,%L")
      .set("Time_Keep", "On");
  p.add("PARSER")
      .set("Name", "ray_cpp")
      .set("Format", "regex")
      .set("Regex", kRayCppRegex)
      .set("Time_Key", "time")
      .set("Time_Format", "%Y-%m-%d %H:%M:%S,%L")
      .set("Time_Keep", "On");
  p.add("PARSER").set("Name", "ray_json").set("Format", "json");
  p.add("MULTILINE_PARSER")
      .set("Name", "ray_python_multiline")
      .set("Type", "regex")
      .set("Flush_Timeout", "1000")
      .append("Rule", std::string("\"start_state\" \"/") + kRecordStartRegex + "/\" \"cont\"")
      .append("Rule", std::string("\"cont\" \"/^(?!\\[?\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2},\\d{3})/\" \"cont\""));
  return p;
}

}  // namespace raylog
