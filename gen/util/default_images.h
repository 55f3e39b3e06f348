#pragma once
// The versions raylog-gen uses when a spec names none - the one place to bump them. The agents'
// defaults (agents/*/..._agent.cpp) and the schema's defaults (spec/spec_schema.cpp) read these.
// A bump: change the line, then `cmake --build build --target update-golden` and review the diff.
//
// Checked 2026-11-23 against each project's own repository:
// - Fluent Bit 5.1.1: the newest release tag (v5.1.1) of fluent/fluent-bit; its MAINTENANCE.md
//   lists 5.1.x as the stable series, 5.0.x maintained until 2026-11-30, older lines end-of-life.
// - Ray 2.52.0: the version most samples of KubeRay v1.7.0 use (ray-operator/config/samples:
//   rayproject/ray:2.52.0 in 112 of 158 image lines).
// - Fluentd 1.19.3: the newest Fluentd release (tag v1.19.3); v1.19.3-debian-elasticsearch8-1.1 is
//   the newest image of fluent/fluentd-kubernetes-daemonset (tag v1.19.3-1.1, its README).
namespace raylog::default_images {

inline constexpr char kFluentBit[] = "fluent/fluent-bit:5.1.1";
inline constexpr char kFluentd[] = "fluent/fluentd-kubernetes-daemonset:v1.19.3-debian-elasticsearch8-1.1";
inline constexpr char kRayVersion[] = "2.52.0";

}  // namespace raylog::default_images
