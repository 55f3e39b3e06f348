#pragma once
// The DaemonSet strategy's share of the pieces, on the Ray side: Ray writes /tmp/ray into a
// host folder of its own under daemonset.hostPath, named after the Ray pod (namespace, cluster,
// node type, pod, owner, group: subPathExpr over downward-API variables) so the node's agent can tell
// each record's origin; an init container makes it writable for Ray's non-root user.
#include "pieces/logging_pieces.h"

namespace raylog {

// `group` is the worker group's name ("head" for the head), as for the sidecar's RAYLOG_GROUP.
LoggingPieces daemonSetPieces(const Spec& spec, RayNodeType type, const std::string& group);

// The sub-folder expression; the agent's parser reads the origin back from it.
extern const char* const kPodLogSubPath;

}  // namespace raylog
