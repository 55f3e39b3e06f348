// RL207: tail without an offsets DB (Fluent Bit DB, Fluentd pos_file).
#include <regex>
#include <sstream>

#include "lint/config_helpers.h"
#include "lint/rule.h"

namespace raylog::lint {
namespace {
const RuleInfo kInfo{
    "RL207", "tail-without-offsets-db", Severity::Warning,
    "tail keeps no offsets database (Fluent Bit DB / Fluentd pos_file)",
    "Set DB (Fluent Bit) or pos_file (Fluentd) to a file on the shared log volume",
    "Without stored offsets a restarted agent starts over: it re-sends every line it had shipped\n"
    "(duplicates) or, with Read_from_Head off, skips what was written while it was down.\n\n"
    "Bad:\n  [INPUT]\n    Name tail\n    Path /tmp/ray/session_latest/logs/*\n\n"
    "Good:\n  [INPUT]\n    Name tail\n    Path /tmp/ray/session_latest/logs/*\n    DB /tmp/ray/fluent-bit-tail.db\n"};

class NoOffsetsDb : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void checkFluentBit(const FluentBitConfigView& v, Reporter& r) const override {
    for (size_t i : sectionsOf(v.parsed.config, "INPUT", "tail"))
      if (v.parsed.config.sections[i].get("DB").empty())
        r.atLocation(kInfo, v.lineLocation(v.parsed.lines.sectionLine[i]),
                     "tail has no DB: a restarted agent sends everything again");
  }
  void checkFluentd(const FluentdConfigView& v, Reporter& r) const override {
    std::istringstream in(v.text);
    std::string line;
    int n = 0, sourceLine = 0;
    bool inSource = false, isTail = false, hasPos = false;
    static const std::regex open("^\\s*<source>"), close("^\\s*</source>"), tail("^\\s*@type\\s+tail\\b"),
        pos("^\\s*pos_file\\s+\\S");
    while (std::getline(in, line)) {
      ++n;
      if (!firstWordStartsWith(line, "<@p")) continue;  // none of the regexes would match
      if (std::regex_search(line, open)) {
        inSource = true;
        isTail = hasPos = false;
        sourceLine = n;
      } else if (inSource && std::regex_search(line, tail)) {
        isTail = true;
      } else if (inSource && std::regex_search(line, pos)) {
        hasPos = true;
      } else if (std::regex_search(line, close)) {
        if (inSource && isTail && !hasPos)
          r.atLocation(kInfo, v.lineLocation(sourceLine), "Fluentd tail source has no pos_file: duplicates after a restart");
        inSource = false;
      }
    }
  }
};
}  // namespace
std::unique_ptr<Rule> makeRL207() { return std::make_unique<NoOffsetsDb>(); }
}  // namespace raylog::lint
