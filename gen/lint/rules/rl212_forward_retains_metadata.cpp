// RL212: Fluent Bit >= 5.0.5 forwards [[time, metadata], record] unless told otherwise.
#include "lint/config_helpers.h"
#include "lint/rule.h"
#include "util/image_version.h"

namespace raylog::lint {
namespace {
const RuleInfo kInfo{
    "RL212", "forward-retains-metadata", Severity::Warning,
    "Fluent Bit >= 5.0.5 forwards events with metadata, which a Fluentd aggregator rejects",
    "Set Retain_Metadata_In_Forward_Mode Off on the forward output (the option exists since 3.x)",
    "Fluent Bit 5.0.5 changed out_forward's Retain_Metadata_In_Forward_Mode default to true\n"
    "(plugins/out_forward/forward.c): entries then go out as [[time, metadata], record]. Fluentd's\n"
    "in_forward accepts only [time, record] and skips the others as invalid events, so nothing\n"
    "arrives. Written out, the option makes every version send plain entries.\n\n"
    "Bad:\n  image: fluent/fluent-bit:5.1.1\n  [OUTPUT]\n    Name forward\n    Host fluentd-aggregator\n\n"
    "Good:\n  [OUTPUT]\n    Name forward\n    Host fluentd-aggregator\n    Retain_Metadata_In_Forward_Mode Off\n"};

// An image without a version tag (latest, a digest) is taken as a current release.
bool defaultsToRetain(const std::string& image) { return !imageOlderThan(image, {5, 0, 5}); }

bool isOff(const std::string& value) {
  for (const char* off : {"off", "false", "no", "0"})
    if (sameWord(value, off)) return true;
  return false;
}

class ForwardRetainsMetadata : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void checkPod(const PodView& p, Reporter& r) const override {
    for (const Agent& a : p.agents) {
      if (a.kind != AgentKind::FluentBit || !a.container["image"] || !defaultsToRetain(a.container["image"].Scalar())) continue;
      for (const AgentConfigValue& v : agentConfigValues(p, a)) {
        ParsedFluentBitConfig parsed = readFluentBitConfigAnyFormat(v.value->text);
        for (size_t i : sectionsOf(parsed.config, "OUTPUT", "forward"))
          if (!isOff(parsed.config.sections[i].get("Retain_Metadata_In_Forward_Mode")))
            r.atLocation(kInfo, v.lineLocation(lineOf(parsed, i, "Retain_Metadata_In_Forward_Mode")),
                         "forward output (ConfigMap " + v.configMap + ") on " + a.container["image"].Scalar() +
                             " sends [[time, metadata], record] entries, which Fluentd rejects");
      }
    }
  }
};
}  // namespace
std::unique_ptr<Rule> makeRL212() { return std::make_unique<ForwardRetainsMetadata>(); }
}  // namespace raylog::lint
