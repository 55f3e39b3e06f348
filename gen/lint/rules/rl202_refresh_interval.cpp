// RL202: tail's Refresh_Interval unset (60 s) or above 10 s.
#include "lint/config_helpers.h"
#include "lint/rule.h"

namespace raylog::lint {
namespace {
const RuleInfo kInfo{
    "RL202", "tail-refresh-interval-slow", Severity::Warning,
    "tail's Refresh_Interval is unset (60 s) or above 10 s",
    "Set Refresh_Interval 5",
    "Ray's logs folder does not exist when the agent starts, and new worker files appear all the\n"
    "time. tail looks for new files only every Refresh_Interval seconds (default 60): short jobs\n"
    "and new workers are missed or shipped late.\n\n"
    "Bad:\n  [INPUT]\n    Name tail\n    Path /tmp/ray/session_latest/logs/*\n\n"
    "Good:\n  [INPUT]\n    Name tail\n    Path /tmp/ray/session_latest/logs/*\n    Refresh_Interval 5\n"};

class RefreshInterval : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void checkFluentBit(const FluentBitConfigView& v, Reporter& r) const override {
    for (size_t i : sectionsOf(v.parsed.config, "INPUT", "tail")) {
      const std::string value = v.parsed.config.sections[i].get("Refresh_Interval");
      int seconds = 60;
      try {
        if (!value.empty()) seconds = std::stoi(value);
      } catch (...) {
        seconds = 60;
      }
      if (value.empty())
        r.atLocation(kInfo, v.lineLocation(lineOf(v.parsed, i, "Refresh_Interval")),
                     "tail has no Refresh_Interval, so new log files are found only every 60 s");
      else if (seconds > 10)
        r.atLocation(kInfo, v.lineLocation(lineOf(v.parsed, i, "Refresh_Interval")),
                     "Refresh_Interval " + value + " is above 10 s; new log files are found late");
    }
  }
};
}  // namespace
std::unique_ptr<Rule> makeRL202() { return std::make_unique<RefreshInterval>(); }
}  // namespace raylog::lint
