// RL213: a record_modifier Record (or modify Add/Set) without a value, what envsubst leaves of
// raylog-gen's ${RAYLOG_*} variables.
#include <regex>

#include "lint/config_helpers.h"
#include "lint/rule.h"

namespace raylog::lint {
namespace {
const RuleInfo kInfo{
    "RL213", "record-value-empty", Severity::Error,
    "A Fluent Bit filter adds a record key without a value (often: envsubst ran over the manifest)",
    "Render or inject again; run envsubst only over your own variables: envsubst '$COLLECTOR_IMAGE' < FILE",
    "raylog-gen writes `Record ray_cluster ${RAYLOG_CLUSTER}`: Fluent Bit fills the variables in\n"
    "from the agent's environment when it starts. KubeRay's samples tell users to pipe manifests\n"
    "through envsubst, which replaces every ${VAR} it does not know with nothing; the filter is left\n"
    "with a key and no value, and Fluent Bit stops at startup (record_modifier expects 'KEY VALUE').\n\n"
    "Bad:\n  [FILTER]\n    Name record_modifier\n    Record ray_cluster\n\n"
    "Good:\n  [FILTER]\n    Name record_modifier\n    Record ray_cluster ${RAYLOG_CLUSTER}\n"};

class RecordValueEmpty : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void checkFluentBit(const FluentBitConfigView& v, Reporter& r) const override {
    static const std::regex keyOnly(R"(\s*\S+\s*)");
    const FluentBitConfig& c = v.parsed.config;
    for (size_t i : sectionsOf(c, "FILTER")) {
      const std::string plugin = c.sections[i].get("Name");
      const bool recordModifier = sameWord(plugin, "record_modifier"), modify = sameWord(plugin, "modify");
      if (!recordModifier && !modify) continue;
      for (size_t j = 0; j < c.sections[i].entries.size(); ++j) {
        const auto& [key, value] = c.sections[i].entries[j];
        const bool adds = recordModifier ? sameWord(key, "Record") : sameWord(key, "Add") || sameWord(key, "Set");
        if (!adds || !std::regex_match(value, keyOnly)) continue;
        r.atLocation(kInfo, v.lineLocation(v.parsed.lines.entryLine[i][j]),
                     key + " " + value + " has no value; if envsubst ran over this file it blanked a ${VAR} "
                                         "that Fluent Bit fills in at run time (Fluent Bit stops at startup)");
      }
    }
  }
};
}  // namespace
std::unique_ptr<Rule> makeRL213() { return std::make_unique<RecordValueEmpty>(); }
}  // namespace raylog::lint
