// RL121: a NetworkPolicy KubeRay renders denies the egress a log agent or collector needs.
#include "agents/fluent_bit/fluent_bit_yaml_reader.h"
#include "k8s/ray_object.h"
#include "lint/rule.h"

namespace raylog::lint {
namespace {
const RuleInfo kInfo{
    "RL121", "egress-denied", Severity::Error,
    "spec.networkPolicy denies the egress a log agent or collector needs to ship logs off the pod",
    "Add egressRules for DNS and the backend to this group's networkPolicy, or use mode DenyAllIngress",
    "KubeRay v1.7 renders a NetworkPolicy per group from RayClusterSpec.networkPolicy (feature gate\n"
    "RayClusterNetworkPolicy). Modes DenyAll (the default) and DenyAllEgress allow egress only to the\n"
    "cluster's own pods: not DNS, not S3, CloudWatch, Loki or Elasticsearch\n"
    "(ray-operator/controllers/ray/networkpolicy_controller.go). A sidecar that ships off the pod\n"
    "then retries until its buffer is full, and the logs stay on the pod until it is gone.\n\n"
    "Bad:\n  networkPolicy: {mode: DenyAll}\n\n"
    "Good:\n  networkPolicy:\n    mode: DenyAll\n    head:\n      egressRules:\n"
    "        - ports: [{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]\n"
    "        - to: [{ipBlock: {cidr: 0.0.0.0/0}}]\n          ports: [{protocol: TCP, port: 443}]\n"};

// Whether an agent sends records off the pod: a collector always; Fluent Bit unless every output
// is stdout (read from its ConfigMap when the input has it; unknown counts as shipping).
bool shipsOffPod(const PodView& p, const Agent& a) {
  if (a.kind != AgentKind::FluentBit) return true;
  bool sawOutput = false;
  for (const AgentConfigValue& v : agentConfigValues(p, a)) {
    const ParsedFluentBitConfig parsed = readFluentBitConfigAnyFormat(v.value->text);
    for (const FluentBitSection& s : parsed.config.sections) {
      if (s.name != "OUTPUT") continue;
      sawOutput = true;
      if (s.get("Name") != "stdout") return true;
    }
  }
  return !sawOutput;
}

// The egress rules that apply to a pod (a workerGroups entry replaces `worker` for its group).
YAML::Node egressRulesFor(const YAML::Node& policy, const PodView& p) {
  if (p.ref.type == RayNodeType::Head) return childAt(policy, {"head", "egressRules"});
  const YAML::Node groups = childAt(policy, {"workerGroups"});
  if (groups && groups.IsSequence())
    for (const YAML::Node& g : groups)
      if (g.IsMap() && nameOf(g) == p.ref.groupName) return childAt(g, {"egressRules"});
  return childAt(policy, {"worker", "egressRules"});
}

class EgressDenied : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void checkRayObject(const RayObjectView& o, Reporter& r) const override {
    const YAML::Node policy = childAt(rayClusterSpecOf(o.object), {"networkPolicy"});
    if (!policy || !policy.IsMap()) return;
    const YAML::Node mode = policy["mode"];
    const std::string m = mode && mode.IsScalar() ? mode.Scalar() : "DenyAll";  // the CRD's default
    if (m != "DenyAll" && m != "DenyAllEgress") return;
    const bool operatorCollector = static_cast<bool>(childAt(rayClusterSpecOf(o.object), {"historyServerOptions", "collectorOptions"}));
    for (const PodView& p : o.pods) {
      const YAML::Node rules = egressRulesFor(policy, p);
      if (rules && rules.IsSequence() && rules.size() > 0) continue;  // the user allows something: trust it
      for (const Agent& a : p.agents)
        if (shipsOffPod(p, a))
          r.at(kInfo, a.container, "networkPolicy mode " + m + " denies egress from the " + p.ref.groupName +
                                       " pods, so '" + nameOf(a.container) + "' cannot reach DNS or its backend; "
                                       "add egressRules for them to the policy");
      if (operatorCollector)
        r.at(kInfo, policy, "networkPolicy mode " + m + " denies egress from the " + p.ref.groupName +
                                " pods, so the collector KubeRay adds cannot reach its storage; add egressRules");
    }
  }
};
}  // namespace
std::unique_ptr<Rule> makeRL121() { return std::make_unique<EgressDenied>(); }
}  // namespace raylog::lint
