#pragma once
// Checks on what raylog-gen writes, shared by the spec_render, inject and krm targets.
#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "spec/spec.h"

namespace fuzz {

// Every agent config in the ConfigMaps of `objects` reads back cleanly: a Fluent Bit config is
// a fixpoint of read-then-write (no line the model does not hold), a Fluentd config reads
// without error, every value passes its gate, and nothing is double-quoted but
// "#{ENV['NAME']}" (Fluentd runs other "#{...}" as Ruby).
void checkAgentConfigs(const std::vector<YAML::Node>& objects);

// The stream parses back, every Ray object validates against its KubeRay CRD schema, its agent
// configs pass checkAgentConfigs, and lint finds no warning or error (as for the examples).
void checkRenderedStream(const std::string& stream);

// The EKS setup script for `spec`: each spec value sits in its assignment as one shell word
// that reads back as the value, and the here-documents hold the policy and manifests verbatim.
void checkEksScript(const raylog::Spec& spec, const std::string& stream);

}  // namespace fuzz
