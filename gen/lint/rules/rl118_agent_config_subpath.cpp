// RL118: a log agent's config is a ConfigMap mounted with subPath, and nothing rolls the pods when
// the config changes.
#include "k8s/pod_template.h"
#include "lint/rule.h"

namespace raylog::lint {
namespace {
const RuleInfo kInfo{
    "RL118", "agent-config-subpath", Severity::Warning,
    "A log agent's config is a ConfigMap mounted with subPath and no checksum annotation rolls the pods",
    "Mount the ConfigMap as a folder (no subPath) and point the agent at the file (args: [-c, DIR/FILE]), "
    "or add a checksum/config annotation that changes with the config (RayCluster: with upgradeStrategy Recreate)",
    "The kubelet never updates a file mounted with subPath: after the ConfigMap is edited (a\n"
    "re-render applied, inject refreshing it) running agents keep the old config, and pods that\n"
    "start later get the new one, so one cluster ships logs two ways. A folder mount is updated in\n"
    "place (the agent reads it when it restarts). A pod-template annotation that changes with the\n"
    "config (checksum/config, as Helm charts do) rolls the pods instead, where a template change\n"
    "rolls them: a DaemonSet (RollingUpdate), a RayService (a new cluster, unless\n"
    "upgradeStrategy.type is None), a RayCluster only with upgradeStrategy.type: Recreate (KubeRay\n"
    "v1.7.0 raycluster_controller.go, shouldRecreatePodsForUpgrade; otherwise running pods stay).\n"
    "A RayJob's cluster is created with the ConfigMap as it is then, and is not checked.\n\n"
    "Bad:\n  volumeMounts:\n    - {name: fb-config, mountPath: /fluent-bit/etc/fluent-bit.conf, subPath: fluent-bit.conf}\n\n"
    "Good:\n  args: [-c, /fluent-bit/etc/raylog/fluent-bit.yaml]\n  volumeMounts:\n"
    "    - {name: fb-config, mountPath: /fluent-bit/etc/raylog}\n"};

bool hasChecksumAnnotation(const PodTemplate& tmpl) {
  const YAML::Node annotations = childAt(tmpl.node(), {"metadata", "annotations"});
  if (!annotations || !annotations.IsMap()) return false;
  for (auto it = annotations.begin(); it != annotations.end(); ++it)
    if (it->first.IsScalar() && it->first.Scalar().rfind("checksum/", 0) == 0) return true;
  return false;
}

std::string strategyType(const YAML::Node& object, const char* strategy) {
  const YAML::Node type = childAt(object, {"spec", strategy, "type"});
  return type && type.IsScalar() ? type.Scalar() : "";
}

// Whether a change to the pod template (an annotation) replaces the running pods.
bool templateChangeRollsPods(const YAML::Node& object) {
  const std::string kind = scalarAt(object, "kind");
  if (kind == "RayCluster") return strategyType(object, "upgradeStrategy") == "Recreate";
  if (kind == "RayService") return strategyType(object, "upgradeStrategy") != "None";
  if (kind == "DaemonSet") return strategyType(object, "updateStrategy") != "OnDelete";
  return false;
}

bool isConfigMapVolume(const YAML::Node& volume) {
  if (!volume || !volume.IsMap()) return false;
  if (volume["configMap"]) return true;
  const YAML::Node sources = childAt(volume, {"projected", "sources"});
  if (sources && sources.IsSequence())
    for (const YAML::Node& s : sources)
      if (s.IsMap() && s["configMap"]) return true;
  return false;
}

void check(const YAML::Node& object, const PodTemplate& tmpl, const std::vector<Agent>& agents, Reporter& r) {
  if (hasChecksumAnnotation(tmpl) && templateChangeRollsPods(object)) return;
  for (const Agent& a : agents) {
    const YAML::Node mounts = a.container["volumeMounts"];
    if (!mounts || !mounts.IsSequence()) continue;
    for (const YAML::Node& m : mounts) {
      if (!m.IsMap()) continue;
      const YAML::Node subPath = m["subPath"] ? m["subPath"] : m["subPathExpr"];
      if (!subPath || !subPath.IsScalar() || subPath.Scalar().empty() || !m["name"] || !m["name"].IsScalar()) continue;
      if (!isConfigMapVolume(tmpl.findVolume(m["name"].Scalar()))) continue;
      r.at(kInfo, subPath,
           "agent '" + nameOf(a.container) + "' mounts its config (volume " + m["name"].Scalar() + ") with subPath " +
               subPath.Scalar() + ": the kubelet never updates it, so ConfigMap edits never reach running agents; "
               "mount the ConfigMap as a folder, or add a checksum/config annotation" +
               (scalarAt(object, "kind") == "RayCluster" ? " with spec.upgradeStrategy.type: Recreate" : ""));
    }
  }
}

class AgentConfigSubPath : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void checkPod(const PodView& p, Reporter& r) const override {
    if (scalarAt(p.object, "kind") == "RayJob") return;
    check(p.object, p.ref.tmpl, p.agents, r);
  }
  void checkObject(const YAML::Node& o, Reporter& r) const override {
    const YAML::Node tmpl = childAt(o, {"spec", "template"});
    if (scalarAt(o, "kind") != "DaemonSet" || !tmpl) return;
    check(o, PodTemplate(tmpl), daemonSetAgents(o), r);
  }
};
}  // namespace
std::unique_ptr<Rule> makeRL118() { return std::make_unique<AgentConfigSubPath>(); }
}  // namespace raylog::lint
