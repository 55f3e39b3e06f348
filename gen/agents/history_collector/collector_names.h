#pragma once
// Names and paths of the History Server collector's pieces.
namespace raylog {

inline constexpr const char* kCollectorContainer = "collector";       // the collector sidecar
inline constexpr const char* kNodeIdFile = "/tmp/ray/raylet_node_id";  // written by the postStart hook

}  // namespace raylog
