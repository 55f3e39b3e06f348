#pragma once
// Fluent Bit's filesystem buffering (agent.buffer filesystem): chunks under storage.path in the
// agent's state folder, so a killed agent's undelivered records survive it and a restarted agent
// sends them. Names and defaults from Fluent Bit's source at v3.2.10 and v5.1.1 (cited in the .cpp).
#include <string>

#include "agents/fluent_bit/fluent_bit_config.h"
#include "spec/spec.h"

namespace raylog {

// The storage folder inside the agent's state folder (beside the tail offsets DB).
inline constexpr const char* kFluentBitStorageDir = "fluent-bit-storage";

// Adds the service's storage.*, tail's storage.type and each output's storage.total_limit_size
// and Retry_Limit to a config whose sections fluentBitAgentConfig wrote; nothing when the spec
// buffers in memory (buffersOnDisk).
void addFluentBitStorage(const Spec& spec, const std::string& stateDir, FluentBitConfig& config);

}  // namespace raylog
