// RL105: the History Server collector does not share an emptyDir at /tmp/ray with Ray.
#include "lint/rule.h"
#include "pieces/logging_names.h"

namespace raylog::lint {
namespace {
const RuleInfo kInfo{
    "RL105", "collector-without-shared-emptydir", Severity::Error,
    "The History Server collector does not share an emptyDir at /tmp/ray with the Ray container",
    "Mount one emptyDir at /tmp/ray in the Ray container and in the collector",
    "The collector reads /tmp/ray/session_latest and the node id file from the Ray container's\n"
    "/tmp/ray. Without a shared emptyDir it fails with `read session_latest file error`.\n\n"
    "Bad:\n    - name: collector\n      image: collector:v0.1.0\n\n"
    "Good:\n    - name: ray-head\n      volumeMounts: [{name: historyserver, mountPath: /tmp/ray}]\n"
    "    - name: collector\n      volumeMounts: [{name: historyserver, mountPath: /tmp/ray}]\n"
    "  volumes: [{name: historyserver, emptyDir: {}}]\n"};

class CollectorWithoutEmptyDir : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void checkPod(const PodView& p, Reporter& r) const override {
    for (const Agent& a : p.agents) {
      if (a.kind != AgentKind::Collector) continue;
      const YAML::Node rayMount = p.ray ? rayLogMount(p.ray) : YAML::Node(YAML::NodeType::Undefined);
      const YAML::Node mine = findMountAt(a.container, kRayLogMountPath);
      const bool shared = rayMount && mine && rayMount["name"] && mine["name"] &&
                          rayMount["name"].Scalar() == mine["name"].Scalar();
      const YAML::Node vol = shared ? p.ref.tmpl.findVolume(mine["name"].Scalar()) : YAML::Node(YAML::NodeType::Undefined);
      if (shared && vol && vol["emptyDir"]) continue;
      r.at(kInfo, a.container, "collector '" + nameOf(a.container) +
                                   "' and the Ray container do not share an emptyDir at /tmp/ray "
                                   "(the collector fails with 'read session_latest file error')");
    }
  }
};
}  // namespace
std::unique_ptr<Rule> makeRL105() { return std::make_unique<CollectorWithoutEmptyDir>(); }
}  // namespace raylog::lint
