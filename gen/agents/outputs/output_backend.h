#pragma once
// Output backends for the Fluent Bit agent. One file per backend registers itself in
// output_registry.cpp; adding a backend touches nothing else.
#include <string>
#include <vector>

#include "agents/fluent_bit_config.h"
#include "spec/spec.h"

namespace raylog {

struct OutputBackend {
  std::string type;  // the spec's output.type
  // Adds the [OUTPUT] section(s) for `output`, receiving records tagged by `match`.
  void (*addOutput)(const OutputSpec& output, const std::string& match, FluentBitConfig& config);
};

// nullptr when no backend has this type (the schema's enum keeps that from happening).
const OutputBackend* findOutputBackend(const std::string& type);

const std::vector<OutputBackend>& outputBackends();

}  // namespace raylog
