#pragma once
// yaml-cpp nodes -> nlohmann::json, for schema validation (valijson's yaml-cpp adapter does not
// compile), keeping where each value came from so errors can say file:line:col.
#include <yaml-cpp/yaml.h>

#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>

#include "util/diagnostic.h"

namespace raylog {

struct NodeMarks {
  YAML::Mark key;    // the mapping key that names the value (null for the root and list items)
  YAML::Mark value;  // the value itself
};

// JSON pointer ("/spec/workerGroups/0/name") -> marks.
using MarkMap = std::unordered_map<std::string, NodeMarks>;

struct JsonDocument {
  nlohmann::json value;
  MarkMap marks;
};

// Bounds that keep hostile input (deep nesting, alias bombs) from exhausting the stack or memory.
constexpr int kMaxDepth = 64;
constexpr size_t kMaxNodes = 200000;

// Converts `root`; plain scalars resolve by the YAML 1.2 core schema, quoted ones stay strings.
// Throws InputError for duplicate or non-scalar keys and for input beyond the bounds above.
JsonDocument yamlToJson(const YAML::Node& root, const std::string& file);

// Plain-scalar resolution of the YAML 1.2 core schema.
nlohmann::json resolvePlainScalar(const std::string& text);

std::string jsonPointerAppend(const std::string& base, const std::string& token);

}  // namespace raylog
