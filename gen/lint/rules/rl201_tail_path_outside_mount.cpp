// RL201: the agent tails a Path outside its mount of the Ray log volume.
#include "lint/config_helpers.h"
#include "lint/rule.h"
#include "pieces/logging_names.h"

namespace raylog::lint {
namespace {
const RuleInfo kInfo{
    "RL201", "tail-path-outside-log-mount", Severity::Error,
    "Fluent Bit tails a Path outside the folder where the agent mounts Ray's log volume",
    "Point tail's Path into the mount, e.g. <mountPath>/session_latest/logs/*",
    "The agent sees Ray's files only under the mountPath of the shared volume. A Path elsewhere\n"
    "(a copied /var/log/containers/*.log, or a mount at /ray-logs with Path /tmp/ray/...) matches\n"
    "no file, silently.\n\n"
    "Bad:\n  volumeMounts: [{name: ray-logs, mountPath: /ray-logs}]\n  [INPUT]\n    Name tail\n    Path /tmp/ray/session_latest/logs/*\n\n"
    "Good:\n  volumeMounts: [{name: ray-logs, mountPath: /tmp/ray}]\n  [INPUT]\n    Name tail\n    Path /tmp/ray/session_latest/logs/*\n"};

class TailPathOutsideMount : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void checkPod(const PodView& p, Reporter& r) const override {
    const YAML::Node rayMount = p.ray ? rayLogMount(p.ray) : YAML::Node(YAML::NodeType::Undefined);
    if (!rayMount || !rayMount["name"]) return;
    for (const Agent& a : p.agents) {
      if (a.kind != AgentKind::FluentBit) continue;
      const YAML::Node logMount = findByName(a.container["volumeMounts"], rayMount["name"].Scalar());
      if (!logMount || !logMount["mountPath"]) continue;  // RL102's business
      std::string base = logMount["mountPath"].Scalar();
      if (base.size() > 1 && base.back() == '/') base.pop_back();
      for (const AgentConfigValue& v : agentConfigValues(p, a)) {
        ParsedFluentBitConfig parsed = readFluentBitConfigAnyFormat(v.value->text);
        for (size_t i : sectionsOf(parsed.config, "INPUT", "tail"))
          // Path may be a comma-separated list (in_tail's CLIST): each pattern must be inside.
          for (const std::string& path : pathPatterns(parsed.config.sections[i].get("Path"))) {
            if (path.rfind(base + "/", 0) == 0) continue;
            r.atLocation(kInfo, v.lineLocation(lineOf(parsed, i, "Path")),
                         "tail Path " + path + " (ConfigMap " + v.configMap + ", key " + v.key + ") is outside " + base +
                             ", where agent '" + nameOf(a.container) + "' mounts Ray's logs");
          }
      }
    }
  }
};
}  // namespace
std::unique_ptr<Rule> makeRL201() { return std::make_unique<TailPathOutsideMount>(); }
}  // namespace raylog::lint
