#pragma once
// RayLogging spec file -> Spec: read, parse, validate against schemas/raylogging.schema.json,
// fill defaults from that schema, then the checks a schema cannot express.
#include <yaml-cpp/yaml.h>

#include <string>

#include "spec/spec.h"
#include "yaml/json_schema.h"

namespace raylog {

// The embedded spec schema.
const JsonSchema& specSchema();

// Loads the spec at `path` ("-" = stdin). Throws InputError with every problem found.
Spec loadSpecFile(const std::string& path);

// Loads a spec already read into memory; `file` names it in diagnostics.
Spec loadSpecText(const std::string& text, const std::string& file);

// Loads a spec from a node parsed elsewhere (a kustomize functionConfig); its marks locate errors.
Spec loadSpecNode(const YAML::Node& root, const std::string& file);

}  // namespace raylog
