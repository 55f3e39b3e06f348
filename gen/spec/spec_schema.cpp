#include "spec/spec_schema.h"

#include "agents/log_agent.h"
#include "util/default_images.h"
#include "util/resources.h"

namespace raylog {

nlohmann::ordered_json specSchemaDocument() {
  nlohmann::ordered_json schema = nlohmann::ordered_json::parse(resource("schemas/raylogging.schema.json"));
  nlohmann::ordered_json& spec = schema.at("properties").at("spec").at("properties");

  nlohmann::ordered_json& version = spec.at("ray").at("properties").at("version");
  version["default"] = default_images::kRayVersion;
  version["x-expected"] = std::string("a version such as ") + default_images::kRayVersion + " (in quotes)";

  // The schema's default is the default agent's; the others are named beside it for editors.
  nlohmann::ordered_json& image = spec.at("agent").at("properties").at("image");
  image["default"] = logAgents().front().defaults.image;
  std::string perAgent;
  for (const LogAgent& a : logAgents())
    if (!a.defaults.image.empty()) perAgent += (perAgent.empty() ? "" : "; ") + a.defaults.image + " for " + a.type;
  image["x-default"] = perAgent;
  return schema;
}

std::string specSchemaText() { return specSchemaDocument().dump(2) + "\n"; }

}  // namespace raylog
