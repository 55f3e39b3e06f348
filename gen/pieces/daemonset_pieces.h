#pragma once
// The DaemonSet strategy's share of the pieces, on the Ray side: Ray writes /tmp/ray into a
// host folder of its own (<namespace>_<pod> under daemonset.hostPath, via subPathExpr and the
// downward API) that the node's agent reads; an init container makes it writable for Ray's
// non-root user.
#include "pieces/logging_pieces.h"

namespace raylog {

LoggingPieces daemonSetPieces(const Spec& spec);

// The sub-folder expression; the agent's parser reads namespace and pod back from it.
extern const char* const kPodLogSubPath;

}  // namespace raylog
