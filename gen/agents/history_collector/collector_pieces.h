#pragma once
// The KubeRay History Server collector's share of the logging pieces: its sidecar (configured
// by flags or by environment, per generation), the Ray container's event settings, the
// raylet_node_id postStart hook for the older generation, and the pod's ServiceAccount.
#include "pieces/logging_pieces.h"

namespace raylog {

void addCollectorPieces(const Spec& spec, RayNodeType type, LoggingPieces& pieces);

}  // namespace raylog
