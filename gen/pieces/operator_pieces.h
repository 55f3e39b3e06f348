#pragma once
// The operator-wide route: KubeRay's operator appends the agent sidecar to every Ray pod from its
// Configuration (headSidecarContainers / workerSidecarContainers, ray-operator/apis/config/
// v1alpha1/configuration_types.go at v1.7.0; appended in raycluster_controller.go buildHeadPod /
// buildWorkerPod). It appends containers only, so the volumes they mount and the Ray container's
// mount of the log volume must still be in every RayCluster/RayJob/RayService: these pieces say
// which, render --operator-values writes the sidecars, inject --operator and lint check the rest.
#include <string>
#include <vector>

#include "pieces/logging_pieces.h"

namespace raylog {

struct OperatorPieces {
  // The same pieces a per-resource render puts in a head / worker pod, with the worker sidecar's
  // group read from the pod's ray.io/group label (one sidecar list serves every worker group).
  LoggingPieces head, worker;
  const LoggingPieces& forType(RayNodeType t) const { return t == RayNodeType::Head ? head : worker; }
};

// Why `spec` cannot go the operator route (empty: it can): the operator adds containers only, so
// an agent whose pieces need more of the pod (environment or hooks on the Ray container, init
// containers, pod labels, a ServiceAccount, a longer grace period, native sidecars) is refused.
std::vector<std::string> operatorRouteProblems(const Spec& spec);

// The pieces; call operatorRouteProblems first (this assumes none).
OperatorPieces operatorPiecesFor(const Spec& spec);

// Adds to `tmpl` what the operator's sidecars expect and cannot add themselves: the volumes they
// mount and the Ray container's mount of the log volume at /tmp/ray; nothing else (the template is
// marked with kLoggingAnnotation, as every template raylog-gen wires). Idempotent. A template that
// raylog-gen wired with its own sidecar loses that sidecar (the operator now adds it). Throws
// PieceConflict when the template already holds a container the operator would append a second
// time, another log agent, or a /tmp/ray mount of another volume than the one the sidecars read.
void applyOperatorVolumes(PodTemplate& tmpl, const LoggingPieces& pieces);

}  // namespace raylog
