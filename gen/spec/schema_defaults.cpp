#include "spec/schema_defaults.h"

namespace raylog {

void applySchemaDefaults(nlohmann::json& value, const JsonSchema& schema, const std::string& pointer) {
  const nlohmann::json* sub = schema.subschemaFor(pointer);
  if (!sub) return;
  if (value.is_object() && sub->contains("properties")) {
    for (auto it = (*sub)["properties"].begin(); it != (*sub)["properties"].end(); ++it) {
      if (value.contains(it.key())) continue;
      // A default may sit beside a $ref (which resolving would hide) or in the referenced schema.
      const nlohmann::json* prop = it.value().contains("default") ? &it.value()
                                                                    : schema.subschemaFor(jsonPointerAppend(pointer, it.key()));
      if (prop && prop->contains("default")) value[it.key()] = (*prop)["default"];
    }
  }
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it)
      applySchemaDefaults(it.value(), schema, jsonPointerAppend(pointer, it.key()));
  } else if (value.is_array()) {
    for (size_t i = 0; i < value.size(); ++i)
      applySchemaDefaults(value[i], schema, jsonPointerAppend(pointer, std::to_string(i)));
  }
}

}  // namespace raylog
