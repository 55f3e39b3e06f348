// RL106: an older, flag-configured collector without the raylet_node_id postStart hook.
#include "agents/history_collector/collector_names.h"
#include "lint/rule.h"
#include "pieces/logging_names.h"

namespace raylog::lint {
namespace {
const RuleInfo kInfo{
    "RL106", "collector-node-id-hook-missing", Severity::Error,
    "An older (flag-configured) History Server collector runs without the raylet_node_id hook",
    "Add a postStart hook to the Ray container that writes the raylet's node id to /tmp/ray/raylet_node_id",
    "Collector builds configured by command-line flags (--role=..., --runtime-class-name=...) read\n"
    "the node id from /tmp/ray/raylet_node_id, which nothing writes unless the Ray container's\n"
    "postStart hook does; they fail with `read nodeid file error`. Newer builds configured by\n"
    "environment (RAY_ROLE, STORAGE_BACKEND) do not need it.\n\n"
    "Bad:\n    - name: ray-head   # no lifecycle.postStart\n    - name: collector\n"
    "      command: [collector, --role=Head, --runtime-class-name=s3]\n\n"
    "Good:\n    - name: ray-head\n      lifecycle:\n        postStart:\n          exec:\n"
    "            command: [/bin/sh, -c, \"...ps -ef | grep 'raylet.*--node_id' | sed -n 's/.*--node_id=\\\\([^ ]*\\\\).*/\\\\1/p' > /tmp/ray/raylet_node_id\"]\n"};

bool flagConfigured(const YAML::Node& c) {
  for (const char* list : {"command", "args"}) {
    const YAML::Node l = c[list];
    if (!l || !l.IsSequence()) continue;
    for (const YAML::Node& a : l)
      if (a.IsScalar() && a.Scalar().rfind("--role=", 0) == 0) return true;
  }
  return false;
}

bool hookWritesNodeId(const YAML::Node& ray) {
  const YAML::Node cmd = childAt(ray, {"lifecycle", "postStart", "exec", "command"});
  if (!cmd || !cmd.IsSequence()) return false;
  for (const YAML::Node& a : cmd)
    if (a.IsScalar() && a.Scalar().find("raylet_node_id") != std::string::npos) return true;
  return false;
}

class CollectorHookMissing : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void checkPod(const PodView& p, Reporter& r) const override {
    if (!p.ray) return;
    for (const Agent& a : p.agents)
      if (a.kind == AgentKind::Collector && flagConfigured(a.container) && !hookWritesNodeId(p.ray))
        r.at(kInfo, p.ray, "the flag-configured collector needs a postStart hook on this Ray container that writes " +
                               std::string(kNodeIdFile) + " (else: 'read nodeid file error')");
  }
};
}  // namespace
std::unique_ptr<Rule> makeRL106() { return std::make_unique<CollectorHookMissing>(); }
}  // namespace raylog::lint
