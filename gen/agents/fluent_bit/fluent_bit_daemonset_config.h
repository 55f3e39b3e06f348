#pragma once
// The Fluent Bit configuration of the DaemonSet strategy: the sidecar configuration (same
// service settings, parsing and outputs: one code path), reading every Ray pod's folder under
// the host path instead of one pod's /tmp/ray, with namespace and pod taken from the path.
#include <string>

#include "agents/fluent_bit/fluent_bit_config.h"
#include "agents/fluent_bit/fluent_bit_parsers.h"
#include "spec/spec.h"

namespace raylog {

inline constexpr const char* kAgentStatePath = "/var/fluent-bit/state";  // the state hostPath, in the agent
inline constexpr int kAgentHttpPort = 2020;

FluentBitConfig fluentBitDaemonSetConfig(const Spec& spec);

// Ray's parsers plus the path parser that splits <hostPath>/<namespace>_<pod>/... .
FluentBitConfig fluentBitDaemonSetParsers(const Spec& spec);

}  // namespace raylog
