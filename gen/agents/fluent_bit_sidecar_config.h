#pragma once
// The Fluent Bit configuration of the sidecar strategy: tail Ray's session logs from the shared
// /tmp/ray volume and send them to the spec's output.
#include <string>
#include <utility>
#include <vector>

#include "agents/fluent_bit_config.h"
#include "agents/outputs/output_backend.h"
#include "spec/spec.h"

namespace raylog {

// The tag tail gives Ray's records; outputs match it.
extern const char* const kRayLogTag;

// Record fields added to every record, and the agent environment variables they come from.
extern const std::vector<std::pair<const char*, const char*>> kOriginFields;

// tail's Buffer_Max_Size: the longest line shipped whole.
extern const char* const kMaxLineSize;

// tail Path patterns for a session's logs folder and its sub-folders ("<logs>/*, <logs>/*/*").
std::string rayLogPaths(const std::string& logs);

// The configuration both strategies share (input, parsers, origin, outputs), placed at `site`.
FluentBitConfig fluentBitAgentConfig(const Spec& spec, const OutputSite& site);

FluentBitConfig fluentBitSidecarConfig(const Spec& spec);

}  // namespace raylog
