// RL205: an [OUTPUT] whose Match no input's Tag reaches.
#include "lint/config_helpers.h"
#include "lint/rule.h"

namespace raylog::lint {
namespace {
const RuleInfo kInfo{
    "RL205", "output-match-unreached", Severity::Error,
    "An [OUTPUT]'s Match matches no input Tag, so it receives nothing",
    "Make Match cover an input's Tag (Match ray for Tag ray, or Match *)",
    "Fluent Bit routes a record to every output whose Match pattern matches the record's tag. An\n"
    "output whose Match no input produces stays empty, silently.\n\n"
    "Bad:\n  [INPUT]\n    Name tail\n    Tag ray\n  [OUTPUT]\n    Name cloudwatch_logs\n    Match kube.*\n\n"
    "Good:\n  [OUTPUT]\n    Name cloudwatch_logs\n    Match ray\n"};

// An input Tag with '*' stands for many tags; a sample of them is enough to test reachability.
std::string sampleTag(const std::string& tag) {
  std::string out;
  for (char c : tag) out += c == '*' ? std::string("var.log.x") : std::string(1, c);
  return out;
}

class OutputUnmatched : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void checkFluentBit(const FluentBitConfigView& v, Reporter& r) const override {
    const FluentBitConfig& c = v.parsed.config;
    std::vector<std::string> tags;
    for (size_t i : sectionsOf(c, "INPUT")) {
      const std::string tag = c.sections[i].get("Tag");
      if (tag.empty()) return;  // default tags depend on instance numbers: do not guess
      tags.push_back(sampleTag(tag));
    }
    if (!sectionsOf(c, "FILTER", "rewrite_tag").empty() || tags.empty()) return;  // tags change in flight
    for (size_t i : sectionsOf(c, "OUTPUT")) {
      if (!c.sections[i].get("Match_Regex").empty()) continue;
      const std::string match = c.sections[i].get("Match");
      bool reached = false;
      for (const std::string& t : tags) reached = reached || fluentBitTagMatches(match, t);
      if (!reached)
        r.atLocation(kInfo, v.lineLocation(lineOf(v.parsed, i, "Match")),
                     "output " + c.sections[i].get("Name") + " has Match '" + match + "', which no input Tag reaches");
    }
  }
};
}  // namespace
std::unique_ptr<Rule> makeRL205() { return std::make_unique<OutputUnmatched>(); }
}  // namespace raylog::lint
