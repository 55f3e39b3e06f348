#pragma once
// The Fluent Bit configuration of the sidecar strategy: tail Ray's session logs from the shared
// /tmp/ray volume and send them to the spec's output.
#include <string>
#include <utility>
#include <vector>

#include "agents/fluent_bit/fluent_bit_config.h"
#include "agents/outputs/output_backend.h"
#include "spec/spec.h"

namespace raylog {

// tail's Buffer_Max_Size: the longest line shipped whole.
extern const char* const kMaxLineSize;

// The configuration both strategies share (input, parsers, origin, outputs), placed at `site`.
FluentBitConfig fluentBitAgentConfig(const Spec& spec, const OutputSite& site);

FluentBitConfig fluentBitSidecarConfig(const Spec& spec);

}  // namespace raylog
