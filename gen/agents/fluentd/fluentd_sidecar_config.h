#pragma once
// The Fluentd configuration of the sidecar strategy (agent type fluentd, the EFK guide's agent):
// tail Ray's session logs from the shared /tmp/ray volume with the same parsing and origin
// fields as the Fluent Bit sidecar, and send them to the spec's outputs.
#include <string>

#include "agents/fluentd/fluentd_config.h"
#include "spec/spec.h"

namespace raylog {

inline constexpr const char* kFluentdConfigKey = "fluent.conf";
inline constexpr const char* kFluentdConfigDir = "/fluentd/etc/raylog";  // the ConfigMap, mounted whole
inline constexpr const char* kFluentdPosFile = "fluentd-tail.pos";        // in /tmp/ray
inline constexpr const char* kFluentdWorkerPosFile = "fluentd-tail-workers.pos";

FluentdConfig fluentdSidecarConfig(const Spec& spec);

}  // namespace raylog
