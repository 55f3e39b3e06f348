#include "pieces/operator_pieces.h"

#include "agents/log_agent.h"
#include "pieces/logging_names.h"

namespace raylog {

namespace {

std::string nameOf(const YAML::Node& n) { return n.IsMap() && n["name"] ? n["name"].Scalar() : ""; }

// The operator appends to Spec.Containers only (raycluster_controller.go v1.7.0, buildHeadPod and
// buildWorkerPod): its sidecars are classic ones.
Spec operatorSpec(const Spec& spec) {
  Spec s = spec;
  s.agent.sidecarMode = SidecarMode::Classic;
  // One sidecar serves every cluster: its records name the pod's RayCluster (agentEnv).
  s.objectKind.clear();
  s.objectName.clear();
  return s;
}

}  // namespace

std::vector<std::string> operatorRouteProblems(const Spec& spec) {
  std::vector<std::string> out;
  if (spec.strategy != "sidecar") {
    out.push_back("--operator-values is for strategy sidecar: the operator appends a sidecar to every Ray pod; " +
                  std::string(spec.strategy == "daemonset"
                                  ? "a DaemonSet already serves every cluster without it (render without --operator-values)"
                                  : "strategy stderr runs no agent (render without --operator-values)"));
    return out;
  }
  if (spec.agent.type != "fluent-bit")
    out.push_back("--operator-values supports agent.type fluent-bit (the agent the pod harness runs assembled as "
                  "the operator would); agent.type is " + spec.agent.type + ": use it per resource (render or inject "
                  "without --operator-values)");
  if (spec.collector.enabled)
    out.push_back("spec.collector cannot go in the operator's configuration: its sidecar names each cluster's owner "
                  "(OWNER_KIND, OWNER_NAME) as literals; use collector.mode: operator (KubeRay v1.7's "
                  "historyServerOptions) or per-resource logging");
  if (spec.agent.sidecarModeGiven && spec.agent.sidecarMode == SidecarMode::Native)
    out.push_back("agent.sidecarMode: native cannot be set through the operator, which appends its sidecars to "
                  "containers (classic sidecars); remove sidecarMode, or add logging per resource");
  if (!out.empty()) return out;
  const OperatorPieces pieces = operatorPiecesFor(spec);
  for (const LoggingPieces* p : {&pieces.head, &pieces.worker}) {
    std::vector<std::string> needs;
    if (!p->rayEnv.empty()) needs.push_back("environment on the Ray container");
    if (p->rayPostStart || !p->rayCommandPrefix.empty()) needs.push_back("a hook or command on the Ray container");
    if (!p->initContainers.empty()) needs.push_back("init containers");
    if (!p->podLabels.empty()) needs.push_back("pod labels");
    if (!p->serviceAccountName.empty()) needs.push_back("a ServiceAccount on the pods (spec.eks: use iamMode node-role)");
    if (p->minTerminationGraceSeconds > 30) needs.push_back("a grace period over 30 s (agent.graceSeconds over 20)");
    for (const std::string& n : needs)
      out.push_back("the agent needs " + n + ", which the operator's configuration cannot add to each pod; "
                    "change the spec or add logging per resource");
    if (!needs.empty()) break;
  }
  return out;
}

OperatorPieces operatorPiecesFor(const Spec& spec) {
  const Spec s = operatorSpec(spec);
  OperatorPieces p{loggingPiecesFor(s, RayNodeType::Head, "head"), loggingPiecesFor(s, RayNodeType::Worker, "")};
  p.head.agentName = p.worker.agentName = spec.agent.type + "-operator";
  return p;
}

void applyOperatorVolumes(PodTemplate& tmpl, const LoggingPieces& pieces) {
  YAML::Node ray = tmpl.rayContainer();
  if (!ray) throw PieceConflict("the pod template has no containers; KubeRay expects the Ray container first");
  const bool owned = tmpl.annotations()[kLoggingAnnotation].IsDefined();
  // Two containers of one name make the pod invalid; a second agent ships every line twice.
  for (const char* list : {"containers", "initContainers"}) {
    const YAML::Node cs = tmpl.node()["spec"][list];
    if (!cs || !cs.IsSequence()) continue;
    for (size_t i = std::string(list) == "containers" ? 1 : 0; i < cs.size(); ++i) {
      const YAML::Node c = cs[i];
      const LogAgent* agent = c.IsMap() ? recogniseAgent(c) : nullptr;
      if (owned && agent) continue;  // raylog-gen's own sidecar from a per-resource run: removed below
      for (const YAML::Node& s : pieces.sidecars)
        if (nameOf(c) == nameOf(s))
          throw PieceConflict("the operator appends a container named '" + nameOf(s) +
                                  "' to this pod (its configuration's sidecars), and the template has one already; "
                                  "rename or remove it",
                              c.Mark());
      if (agent)
        throw PieceConflict("the pod template runs a log agent (" + agent->product + ") in container '" + nameOf(c) +
                                "' beside the one the operator appends; remove it, with its volumes, so that one "
                                "agent ships these logs",
                            c.Mark());
    }
  }
  if (const YAML::Node m = findMountAt(ray, kRayLogMountPath); m && nameOf(m) != kRayLogVolume)
    throw PieceConflict("the Ray container mounts volume '" + nameOf(m) + "' at " + kRayLogMountPath +
                            ", but the operator's sidecars read volume '" + kRayLogVolume + "'; rename the volume to " +
                            kRayLogVolume,
                        m.Mark());
  LoggingPieces only = pieces;
  only.sidecars.clear();  // the operator adds them; in a template raylog-gen wired, its own go
  applyLoggingPieces(tmpl, only);
}

}  // namespace raylog
