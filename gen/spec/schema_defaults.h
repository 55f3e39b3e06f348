#pragma once
// Fills missing values from the schema's "default" keywords, so defaults are written once (in
// the schema, where editors show them) and the code reads a complete document.
#include <nlohmann/json.hpp>

#include "yaml/json_schema.h"

namespace raylog {

void applySchemaDefaults(nlohmann::json& value, const JsonSchema& schema, const std::string& pointer = "");

}  // namespace raylog
