#pragma once
// The KubeRay History Server collector's share of the logging pieces: in sidecar mode its
// container (configured by environment for v1.7, by flags for v1.6), the Ray container's event
// settings, v1.6's raylet_node_id postStart hook and previous-session move; in operator mode
// the RayCluster's historyServerOptions; in both the pod's ServiceAccount and identity labels.
#include <yaml-cpp/yaml.h>

#include "pieces/logging_pieces.h"

namespace raylog {

void addCollectorPieces(const Spec& spec, RayNodeType type, LoggingPieces& pieces);

// Operator mode: RayClusterSpec.historyServerOptions, from which KubeRay v1.7 builds the
// collector container (ray-operator/controllers/ray/common/pod.go BuildCollectorContainer).
YAML::Node collectorHistoryServerOptions(const Spec& spec);

// The collector container as raylog-gen renders it in sidecar mode.
YAML::Node collectorContainer(const Spec& spec, RayNodeType type);

}  // namespace raylog
