#pragma once
// The Fluent Bit configuration of the sidecar strategy: tail Ray's session logs from the shared
// /tmp/ray volume and send them to the spec's output.
#include <utility>
#include <vector>

#include "agents/fluent_bit_config.h"
#include "spec/spec.h"

namespace raylog {

// The tag tail gives Ray's records; outputs match it.
extern const char* const kRayLogTag;

// Record fields added to every record, and the agent environment variables they come from.
extern const std::vector<std::pair<const char*, const char*>> kOriginFields;

FluentBitConfig fluentBitSidecarConfig(const Spec& spec);

}  // namespace raylog
