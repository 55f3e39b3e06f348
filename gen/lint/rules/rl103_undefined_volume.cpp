// RL103: a volumeMount names a volume the pod does not define.
#include "k8s/operator_volumes.h"
#include "lint/rule.h"

namespace raylog::lint {
namespace {
const RuleInfo kInfo{
    "RL103", "undefined-volume", Severity::Error,
    "A container mounts a volume the pod template does not define",
    "Add the volume to spec.volumes, or fix the mount's name",
    "Kubernetes rejects the pod (or KubeRay cannot create it) when a volumeMount names a volume that\n"
    "is not in the pod's volumes; a copied sidecar often brings mounts without their volumes.\n"
    "Volumes KubeRay's operator adds itself count as defined when their condition holds: ray-token\n"
    "(authOptions.mode: token and enableK8sTokenAuth: true), shared-mem, ray-logs (in-tree\n"
    "autoscaling on the head), ray-tls (tlsOptions.enabled) and gcs-storage (RocksDB GCS store).\n\n"
    "Bad:\n  containers:\n    - name: fluent-bit\n      volumeMounts: [{name: fluent-bit-config, mountPath: /fluent-bit/etc/}]\n"
    "  volumes: []\n\nGood:\n  volumes:\n    - name: fluent-bit-config\n      configMap: {name: fluentbit-config}\n"};

class UndefinedVolume : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void checkPod(const PodView& p, Reporter& r) const override {
    forEachContainer(p.ref.tmpl, [&](const YAML::Node& c) {
      const YAML::Node mounts = c["volumeMounts"];
      if (!mounts || !mounts.IsSequence()) return;
      for (const YAML::Node& m : mounts) {
        if (!m.IsMap() || !m["name"] || !m["name"].IsScalar()) continue;
        const std::string name = m["name"].Scalar();
        if (p.ref.tmpl.findVolume(name) || operatorAddsVolume(p.object, p.ref, name)) continue;
        const OperatorVolume* op = findOperatorVolume(name);
        r.at(kInfo, m, "volumeMount '" + name + "' of container '" + nameOf(c) + "' names no volume of this pod" +
                           (op ? std::string(" (KubeRay adds '") + op->name + "' only when " + op->when + ")" : ""));
      }
    });
  }
};
}  // namespace
std::unique_ptr<Rule> makeRL103() { return std::make_unique<UndefinedVolume>(); }
}  // namespace raylog::lint
