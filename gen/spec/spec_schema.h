#pragma once
// The spec's JSON Schema as raylog-gen serves it (validation, defaults, `raylog-gen schema`): the
// file in schemas/ with the default versions written in from util/default_images.h and the
// agents' defaults, so a version bump is made in one place.
#include <nlohmann/json.hpp>
#include <string>

namespace raylog {

nlohmann::ordered_json specSchemaDocument();

// specSchemaDocument() as text, indented, with a final newline.
std::string specSchemaText();

}  // namespace raylog
