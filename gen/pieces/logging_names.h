#pragma once
// Names and paths of the logging pieces; lint checks manifests against the same constants.
#include <string>
#include <utility>
#include <vector>

namespace raylog {

inline constexpr const char* kRayLogVolume = "ray-logs";          // emptyDir shared by Ray and agents
inline constexpr const char* kRayLogMountPath = "/tmp/ray";       // where Ray writes sessions
inline constexpr const char* kFluentBitConfigVolume = "fluent-bit-config";
inline constexpr const char* kFluentBitContainer = "fluent-bit";
inline constexpr const char* kFluentBitConfigKey = "fluent-bit.conf";
inline constexpr const char* kFluentBitConfigPath = "/fluent-bit/etc/fluent-bit.conf";
inline constexpr const char* kFluentdContainer = "fluentd";
inline constexpr const char* kFluentdConfigVolume = "fluentd-config";
// Fluentd's socket manager opens a Unix socket under $SERVERENGINE_SOCKETMANAGER_SOCK_DIR (else
// /tmp, which is read-only).
inline constexpr const char* kFluentdRunVolume = "fluentd-run";
inline constexpr const char* kFluentdRunPath = "/tmp/fluentd";
inline constexpr const char* kCollectorContainer = "collector";       // History Server collector sidecar
inline constexpr const char* kNodeIdFile = "/tmp/ray/raylet_node_id";  // written by the postStart hook
inline constexpr const char* kTailDbFile = "fluent-bit-tail.db";
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

std::string fluentBitConfigMapName(const std::string& specName);
std::string fluentdConfigMapName(const std::string& specName);

}  // namespace raylog
