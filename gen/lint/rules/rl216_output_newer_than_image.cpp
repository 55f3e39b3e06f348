// RL216: an output plugin the agent image's Fluent Bit does not have yet (gcs before 5.1.0).
#include "agents/outputs/output_backend.h"
#include "lint/config_helpers.h"
#include "lint/rule.h"
#include "util/image_version.h"

namespace raylog::lint {
namespace {
const RuleInfo kInfo{
    "RL216", "output-newer-than-image", Severity::Error,
    "An output's Fluent Bit plugin is newer than the agent image: Fluent Bit does not start",
    "Use a Fluent Bit image that has the plugin (gcs: 5.1.0 or later), or another output",
    "Fluent Bit refuses a config naming an output plugin it was not built with\n"
    "(\"[config] section 'gcs' tried to instance a plugin name that doesn't exist\"), and the\n"
    "sidecar restarts in a loop, shipping nothing. The gcs output first appears in 5.1.0\n"
    "(plugins/out_gcs: the commit adding it is in no earlier tag).\n\n"
    "Bad:\n  image: fluent/fluent-bit:3.2.10\n  [OUTPUT]\n    Name gcs\n    Match ray\n\n"
    "Good:\n  image: fluent/fluent-bit:5.1.1\n  [OUTPUT]\n    Name gcs\n    Match ray\n"};

// Fluent Bit plugin name -> the first release with it, from the output backends that declare one
// (each of them is named as its plugin: gcs).
std::vector<std::pair<std::string, std::vector<int>>> newerPlugins() {
  std::vector<std::pair<std::string, std::vector<int>>> out;
  for (const OutputBackend& b : outputBackends())
    if (!b.minFluentBit.empty()) out.push_back({b.type, b.minFluentBit});
  return out;
}

class OutputNewerThanImage : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void checkPod(const PodView& p, Reporter& r) const override {
    for (const Agent& a : p.agents) {
      if (a.kind != AgentKind::FluentBit || !a.container["image"]) continue;
      const std::string image = a.container["image"].Scalar();
      for (const AgentConfigValue& v : agentConfigValues(p, a)) {
        ParsedFluentBitConfig parsed = readFluentBitConfigAnyFormat(v.value->text);
        for (const auto& [plugin, since] : newerPlugins()) {
          if (!imageOlderThan(image, since)) continue;
          for (size_t i : sectionsOf(parsed.config, "OUTPUT", plugin))
            r.atLocation(kInfo, v.lineLocation(lineOf(parsed, i, "Name")),
                         plugin + " output (ConfigMap " + v.configMap + ") on " + image + ": Fluent Bit has it from " +
                             versionText(since) + " on");
        }
      }
    }
  }
};
}  // namespace
std::unique_ptr<Rule> makeRL216() { return std::make_unique<OutputNewerThanImage>(); }
}  // namespace raylog::lint
