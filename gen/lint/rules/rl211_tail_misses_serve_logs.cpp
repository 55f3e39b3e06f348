// RL211: on a RayService, the agent's tail does not read logs/serve/.
#include "agents/fluentd/fluentd_reader.h"
#include "lint/config_helpers.h"
#include "lint/rule.h"

namespace raylog::lint {
namespace {
const RuleInfo kInfo{
    "RL211", "tail-misses-serve-logs", Severity::Warning,
    "On a RayService, the agent's tail path does not reach Ray Serve's logs in logs/serve/",
    "Add a pattern for the sub-folders, e.g. Path /tmp/ray/session_latest/logs/*, /tmp/ray/session_latest/logs/*/*",
    "Ray Serve writes its controller, proxy, replica and access logs to logs/serve/ (ray/serve/\n"
    "_private/logging_utils.py get_serve_logs_dir). A glob such as logs/* does not descend into\n"
    "folders, so a RayService ships none of its request logs.\n\n"
    "Bad:\n  Path /tmp/ray/session_latest/logs/*\n\n"
    "Good:\n  Path /tmp/ray/session_latest/logs/*, /tmp/ray/session_latest/logs/*/*\n"};

bool readsServe(const std::vector<std::string>& patterns, const std::string& mount) {
  const std::string sample = mount + "/session_latest/logs/serve/replica_default_Model_ab12.log";
  for (const std::string& p : patterns)
    if (globMatches(p, sample)) return true;
  return false;
}

class TailMissesServeLogs : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void checkPod(const PodView& p, Reporter& r) const override {
    const YAML::Node kind = childAt(p.object, {"kind"});
    if (!kind || kind.Scalar() != "RayService") return;
    const YAML::Node rayMount = p.ray ? rayLogMount(p.ray) : YAML::Node(YAML::NodeType::Undefined);
    if (!rayMount || !rayMount["name"]) return;
    for (const Agent& a : p.agents) {
      const YAML::Node logMount = findByName(a.container["volumeMounts"], rayMount["name"].Scalar());
      if (!logMount || !logMount["mountPath"]) continue;
      std::string base = logMount["mountPath"].Scalar();
      if (base.size() > 1 && base.back() == '/') base.pop_back();
      // The agent reads Serve's logs when any of its tail inputs does (raylog-gen's Fluentd has a
      // second tail just for worker-*.out|err); only an agent none of whose tails do is reported.
      bool anyReads = false;
      std::vector<std::pair<Location, std::string>> misses;
      for (const AgentConfigValue& v : agentConfigValues(p, a)) {
        if (a.kind == AgentKind::FluentBit) {
          ParsedFluentBitConfig parsed = readFluentBitConfigAnyFormat(v.value->text);
          for (size_t i : sectionsOf(parsed.config, "INPUT", "tail")) {
            const std::string path = parsed.config.sections[i].get("Path");
            if (path.empty()) continue;
            if (readsServe(pathPatterns(path), base)) anyReads = true;
            else
              misses.emplace_back(v.lineLocation(lineOf(parsed, i, "Path")),
                                  "tail Path " + path + " (ConfigMap " + v.configMap + ") does not reach " + base +
                                      "/session_latest/logs/serve/: this RayService's Serve logs are not shipped");
          }
        } else if (a.kind == AgentKind::Fluentd) {
          FluentdNode root;
          try {
            root = readFluentdConfig(v.value->text);
          } catch (const FluentdReadError&) {
            continue;  // a config that does not read is another rule's finding
          }
          for (const FluentdNode* d : root.childrenNamed("source")) {
            if (d->param("@type") != "tail" || d->param("path").empty()) continue;
            if (readsServe(pathPatterns(d->param("path")), base)) anyReads = true;
            else
              misses.emplace_back(v.lineLocation(d->line),
                                  "Fluentd tail path " + d->param("path") + " (ConfigMap " + v.configMap +
                                      ") does not reach " + base +
                                      "/session_latest/logs/serve/: this RayService's Serve logs are not shipped");
          }
        }
      }
      if (!anyReads)
        for (const auto& [where, message] : misses) r.atLocation(kInfo, where, message);
    }
  }
};
}  // namespace
std::unique_ptr<Rule> makeRL211() { return std::make_unique<TailMissesServeLogs>(); }
}  // namespace raylog::lint
