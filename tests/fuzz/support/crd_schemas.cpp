#include "support/crd_schemas.h"

#include <fstream>
#include <map>
#include <memory>

#include "support/fuzz_check.h"
#include "yaml/json_schema.h"
#include "yaml/yaml_to_json.h"

namespace fuzz {

namespace {

const raylog::JsonSchema* schemaFor(const std::string& kind) {
  static const std::map<std::string, std::unique_ptr<raylog::JsonSchema>> schemas = [] {
    std::map<std::string, std::unique_ptr<raylog::JsonSchema>> out;
    for (const auto& [k, file] : std::map<std::string, std::string>{{"RayCluster", "ray.io_v1_raycluster.schema.json"},
                                                                      {"RayJob", "ray.io_v1_rayjob.schema.json"},
                                                                      {"RayService", "ray.io_v1_rayservice.schema.json"}}) {
      std::ifstream in(std::string(RAYLOG_CRD_DIR) + "/" + file);
      FUZZ_CHECK(in.good(), "cannot read the CRD schema " RAYLOG_CRD_DIR "/" + file);
      out[k] = std::make_unique<raylog::JsonSchema>(nlohmann::json::parse(in));
    }
    return out;
  }();
  auto it = schemas.find(kind);
  return it == schemas.end() ? nullptr : it->second.get();
}

}  // namespace

void loadCrdSchemas() { schemaFor(""); }

std::vector<raylog::Diagnostic> crdProblems(const raylog::ParsedDocument& doc, const std::string& file) {
  raylog::JsonDocument json = raylog::yamlToJson(doc.root, file);
  if (!json.value.is_object()) return {};
  const raylog::JsonSchema* schema = schemaFor(json.value.value("kind", ""));
  return schema ? schema->validate(json, file) : std::vector<raylog::Diagnostic>{};
}

}  // namespace fuzz
