#pragma once
// Names and paths of the logging pieces every agent shares; lint checks manifests against the
// same constants. Each agent's own names are in its folder under agents/.
#include <string>
#include <utility>
#include <vector>

namespace raylog {

inline constexpr const char* kRayLogVolume = "ray-logs";          // emptyDir shared by Ray and agents
inline constexpr const char* kRayLogMountPath = "/tmp/ray";       // where Ray writes sessions
inline constexpr const char* kManagedByLabel = "app.kubernetes.io/managed-by";
inline constexpr const char* kManagedByValue = "raylog-gen";
// Pod-template annotation naming the agent raylog-gen added; marks its pieces as its own.
inline constexpr const char* kLoggingAnnotation = "raylog.dev/logging";

// The tag every agent gives Ray's records; outputs match it.
extern const char* const kRayLogTag;

// Record fields every agent adds to every record, and the agent environment variables (set from
// the pod by the downward API) they come from.
extern const std::vector<std::pair<const char*, const char*>> kOriginFields;

// Tail patterns for a session's logs folder and its sub-folders ("<logs>/*, <logs>/*/*"): a glob
// does not descend, so each level is a pattern of its own.
std::string rayLogPaths(const std::string& logs);

}  // namespace raylog
