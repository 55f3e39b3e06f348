// RL112: /tmp/ray on a hostPath without a per-pod sub-folder.
#include "lint/rule.h"

namespace raylog::lint {
namespace {
const RuleInfo kInfo{
    "RL112", "hostpath-log-folder-shared", Severity::Error,
    "The Ray container writes /tmp/ray to a hostPath without a per-pod sub-folder",
    "Add a subPathExpr that names the pod to the mount, as raylog-gen writes it (raylog-gen lint --fix --spec does): $(POD_NAMESPACE)_$(RAYLOG_CLUSTER)_$(RAYLOG_NODE_TYPE)_$(POD_NAME)_$(RAYLOG_OWNER_KIND)_$(RAYLOG_OWNER_NAME)_$(RAYLOG_GROUP) from the downward API and the owner",
    "Two Ray pods scheduled on one node would share one host folder: one session_latest, files of\n"
    "both pods mixed, and a restarted pod reading the other's session.\n\n"
    "Bad:\n  volumeMounts: [{name: ray-logs, mountPath: /tmp/ray}]\n"
    "  volumes: [{name: ray-logs, hostPath: {path: /var/log/ray}}]\n\n"
    "Good:\n  env: [{name: POD_NAME, valueFrom: {fieldRef: {fieldPath: metadata.name}}}, ...]\n"
    "  volumeMounts: [{name: ray-logs, mountPath: /tmp/ray, subPathExpr: $(POD_NAMESPACE)_$(POD_NAME)}]\n"};

class HostPathShared : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void checkPod(const PodView& p, Reporter& r) const override {
    if (!p.ray) return;
    const YAML::Node m = rayLogMount(p.ray);
    if (!m || !m["name"]) return;
    const YAML::Node vol = p.ref.tmpl.findVolume(m["name"].Scalar());
    if (!vol || !vol["hostPath"] || m["subPathExpr"]) return;
    r.at(kInfo, m, "/tmp/ray is mounted from hostPath volume '" + m["name"].Scalar() +
                       "' without subPathExpr: Ray pods on one node would share one folder");
  }
};
}  // namespace
std::unique_ptr<Rule> makeRL112() { return std::make_unique<HostPathShared>(); }
}  // namespace raylog::lint
