#pragma once
// JSON Schema validation (valijson) of YAML-sourced documents, with errors turned into located,
// actionable messages: unknown keys get a did-you-mean, type/enum/range errors say what is
// allowed. Used for the RayLogging spec and, in tests, for the KubeRay CRD schemas.
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "util/diagnostic.h"
#include "yaml/yaml_to_json.h"

namespace valijson {
class Schema;
}

namespace raylog {

class JsonSchema {
 public:
  explicit JsonSchema(nlohmann::json schema);
  ~JsonSchema();
  JsonSchema(const JsonSchema&) = delete;
  JsonSchema& operator=(const JsonSchema&) = delete;

  // Every problem of `doc`, located in `file`; empty when valid.
  std::vector<Diagnostic> validate(const JsonDocument& doc, const std::string& file) const;

  // The subschema that governs the instance value at `pointer` (following properties, items,
  // additionalProperties and local $refs); nullptr when the schema says nothing about it.
  const nlohmann::json* subschemaFor(const std::string& pointer) const;

  const nlohmann::json& json() const { return schema_; }

 private:
  const nlohmann::json* resolve(const nlohmann::json* node) const;
  void checkUnknownKeys(const nlohmann::json& value, const nlohmann::json* schema, const std::string& pointer,
                        const JsonDocument& doc, const std::string& file, std::vector<Diagnostic>& out,
                        std::set<std::string>& suggested) const;
  std::string explain(const std::string& pointer, const std::string& description, const nlohmann::json& doc) const;

  nlohmann::json schema_;  // read only once built: validate() may run on several threads at once
  std::unique_ptr<valijson::Schema> compiled_;
};

// Where the value at `pointer` (or its nearest located ancestor) is; `atKey` prefers the key.
Location locate(const MarkMap& marks, std::string pointer, const std::string& file, bool atKey = false);

// "/spec/workerGroups/0" -> "spec.workerGroups[0]", for messages.
std::string humanPath(const std::string& pointer);

// The last token of a JSON pointer, unescaped ("/spec/head/cpu" -> "cpu").
std::string lastPointerToken(const std::string& pointer);

}  // namespace raylog
