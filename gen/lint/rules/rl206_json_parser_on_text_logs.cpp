// RL206: a JSON parser applied to Ray's default (text) logs, in Fluent Bit or Fluentd.
#include <regex>
#include <sstream>
#include <set>

#include "lint/config_helpers.h"
#include "lint/rule.h"

namespace raylog::lint {
namespace {
const RuleInfo kInfo{
    "RL206", "json-parser-on-text-logs", Severity::Error,
    "A JSON parser is applied to Ray's log files, which are text unless structured logging is on",
    "Parse with regex parsers for Ray's text formats; with Ray's JSON encoding on, try JSON first and the text parsers after it",
    "Ray's default logs are text (`2024-01-24 19:42:05,087 INFO dashboard.py:95 -- ...`). A JSON\n"
    "parser fails on every line: Fluentd drops or errors each record, Fluent Bit leaves them\n"
    "unparsed while the config suggests otherwise. Only applications that turn on Ray's structured\n"
    "logging write JSON lines, and their files still mix in plain prints and tracebacks: a\n"
    "parser filter that tries JSON and then Ray's text parsers is not reported.\n\n"
    "Bad (Fluentd):\n  <source>\n    @type tail\n    path /tmp/ray/session_latest/logs/*\n    <parse>\n      @type json\n    </parse>\n  </source>\n\n"
    "Good:\n    <parse>\n      @type none\n    </parse>\n"};

bool readsRayLogs(const std::string& path) {
  return path.find("/tmp/ray") != std::string::npos || path.find("session_") != std::string::npos;
}

class JsonOnText : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void checkFluentBit(const FluentBitConfigView& v, Reporter& r) const override {
    const FluentBitConfig& c = v.parsed.config;
    std::set<std::string> jsonParsers = {"json"};
    for (size_t i : sectionsOf(c, "PARSER"))
      if (sameWord(c.sections[i].get("Format"), "json")) jsonParsers.insert(c.sections[i].get("Name"));
    for (size_t i : sectionsOf(c, "INPUT", "tail")) {
      if (!readsRayLogs(c.sections[i].get("Path"))) continue;
      const std::string parser = c.sections[i].get("Parser");
      if (jsonParsers.count(parser))
        r.atLocation(kInfo, v.lineLocation(lineOf(v.parsed, i, "Parser")),
                     "tail of Ray's logs uses JSON parser '" + parser + "'; Ray's default logs are text");
      const std::string tag = c.sections[i].get("Tag");
      for (size_t f : sectionsOf(c, "FILTER", "parser")) {
        // The filter tries its parsers in order until one matches (plugins/filter_parser/
        // filter_parser.c): a JSON parser followed by a text one parses JSON-or-text, as
        // raylog-gen does with Ray's JSON encodings on; only JSON alone fails Ray's text lines.
        std::string json;
        bool text = false;
        for (const auto& [key, value] : c.sections[f].entries) {
          if (!sameWord(key, "Parser")) continue;
          if (jsonParsers.count(value)) {
            if (json.empty()) json = value;
          } else {
            text = true;
          }
        }
        if (!json.empty() && !text && !tag.empty() && fluentBitTagMatches(c.sections[f].get("Match"), tag))
          r.atLocation(kInfo, v.lineLocation(lineOf(v.parsed, f, "Parser")),
                       "parser filter applies only JSON parser '" + json + "' to Ray's logs, whose lines are text "
                       "unless Ray's JSON encoding is on, and even then mix in plain prints; add Ray's text parsers "
                       "after it (raylog-gen: spec.ray.logging.encoding JSON)");
      }
    }
  }
  void checkFluentd(const FluentdConfigView& v, Reporter& r) const override {
    // <source> @type tail ... path ... <parse> @type json </parse> </source>
    std::istringstream in(v.text);
    std::string line;
    int n = 0;
    bool inTail = false, inParse = false, rayPath = false;
    static const std::regex open("^\\s*<source>"), close("^\\s*</source>"), tail("^\\s*@type\\s+tail\\b"),
        path("^\\s*path\\s+(.*)$"), parseOpen("^\\s*<parse>"), parseClose("^\\s*</parse>"),
        json("^\\s*@type\\s+json\\b");
    std::smatch m;
    while (std::getline(in, line)) {
      ++n;
      if (!firstWordStartsWith(line, "<@p")) continue;  // none of the regexes would match
      if (std::regex_search(line, open)) inTail = rayPath = false;
      else if (std::regex_search(line, close)) inTail = false;
      else if (std::regex_search(line, parseOpen)) inParse = true;
      else if (std::regex_search(line, parseClose)) inParse = false;
      else if (!inParse && std::regex_search(line, tail)) inTail = true;
      else if (std::regex_search(line, m, path)) rayPath = readsRayLogs(m[1]);
      else if (inParse && inTail && rayPath && std::regex_search(line, json))
        r.atLocation(kInfo, v.lineLocation(n), "Fluentd parses Ray's text logs with <parse> @type json");
    }
  }
};
}  // namespace
std::unique_ptr<Rule> makeRL206() { return std::make_unique<JsonOnText>(); }
}  // namespace raylog::lint
