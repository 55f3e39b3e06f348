#pragma once
// Names and paths of the History Server collector's pieces.
namespace raylog {

inline constexpr const char* kCollectorContainer = "collector";       // the collector sidecar
inline constexpr const char* kNodeIdFile = "/tmp/ray/raylet_node_id";  // written by the postStart hook

// KubeRay's projected service-account token for enableK8sTokenAuth
// (ray-operator/controllers/ray/utils/constant.go RayTokenVolumeName, RayTokenMountPath).
inline constexpr const char* kRayTokenVolume = "ray-token";
inline constexpr const char* kRayTokenMountPath = "/var/run/secrets/ray.io/serviceaccount";

}  // namespace raylog
