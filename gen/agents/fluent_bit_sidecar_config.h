#pragma once
// The Fluent Bit configuration of the sidecar strategy: tail Ray's session logs from the shared
// /tmp/ray volume and send them to the spec's output.
#include <string>
#include <utility>
#include <vector>

#include "agents/fluent_bit_config.h"
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

// Puts the outputs' local buffers (s3's store_dir) under `stateDir`, a volume the agent writes.
void setOutputBufferDirs(FluentBitConfig& config, const std::string& stateDir);

FluentBitConfig fluentBitSidecarConfig(const Spec& spec);

}  // namespace raylog
