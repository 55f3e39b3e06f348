#include "yaml/json_schema.h"

#include <algorithm>
#include <regex>
#include <set>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

#include "util/edit_distance.h"
#include "yaml/source_file.h"

namespace raylog {

namespace {

std::vector<std::string> splitPointer(const std::string& pointer) {
  std::vector<std::string> tokens;
  size_t pos = 0;
  while (pos < pointer.size()) {
    size_t next = pointer.find('/', pos + 1);
    std::string t = pointer.substr(pos + 1, next == std::string::npos ? std::string::npos : next - pos - 1);
    std::string u;
    for (size_t i = 0; i < t.size(); ++i) {
      if (t[i] == '~' && i + 1 < t.size()) {
        u += t[i + 1] == '1' ? '/' : '~';
        ++i;
      } else {
        u += t[i];
      }
    }
    tokens.push_back(u);
    if (next == std::string::npos) break;
    pos = next;
  }
  return tokens;
}

std::string parentPointer(const std::string& pointer) {
  size_t slash = pointer.rfind('/');
  return slash == std::string::npos ? "" : pointer.substr(0, slash);
}

// valijson context ["<root>", "[spec]", "[0]"] -> "/spec/0".
std::string contextToPointer(const std::vector<std::string>& context) {
  std::string pointer;
  for (const std::string& c : context) {
    if (c == "<root>") continue;
    std::string token = (c.size() >= 2 && c.front() == '[' && c.back() == ']') ? c.substr(1, c.size() - 2) : c;
    pointer = jsonPointerAppend(pointer, token);
  }
  return pointer;
}

std::string jsonTypeName(const nlohmann::json& v) {
  if (v.is_null()) return "nothing (null)";
  if (v.is_boolean()) return "a boolean";
  if (v.is_number_integer() || v.is_number_unsigned()) return "an integer";
  if (v.is_number()) return "a number";
  if (v.is_string()) return "a string";
  if (v.is_array()) return "a list";
  return "a mapping";
}

std::string typeWord(const std::string& t) {
  if (t == "object") return "a mapping";
  if (t == "array") return "a list";
  if (t == "integer") return "an integer";
  if (t == "null") return "null";
  return "a " + t;
}

std::string joinWords(const std::vector<std::string>& words, const std::string& last) {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += (i + 1 == words.size()) ? " " + last + " " : ", ";
    out += words[i];
  }
  return out;
}

std::string shortValue(const nlohmann::json& v) {
  std::string s = v.is_string() ? v.get<std::string>() : v.dump();
  if (s.size() > 60) s = s.substr(0, 57) + "...";
  for (char& c : s)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  return "'" + s + "'";
}

const nlohmann::json* valueAt(const nlohmann::json& doc, const std::string& pointer) {
  const nlohmann::json* cur = &doc;
  for (const std::string& t : splitPointer(pointer)) {
    if (cur->is_object()) {
      auto it = cur->find(t);
      if (it == cur->end()) return nullptr;
      cur = &*it;
    } else if (cur->is_array()) {
      size_t i = 0;
      try {
        i = std::stoul(t);
      } catch (...) {
        return nullptr;
      }
      if (i >= cur->size()) return nullptr;
      cur = &(*cur)[i];
    } else {
      return nullptr;
    }
  }
  return cur;
}

}  // namespace

std::string humanPath(const std::string& pointer) {
  std::string out;
  for (const std::string& t : splitPointer(pointer)) {
    bool index = !t.empty() && std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (index) out += "[" + t + "]";
    else out += (out.empty() ? "" : ".") + t;
  }
  return out;
}

std::string lastPointerToken(const std::string& pointer) {
  auto tokens = splitPointer(pointer);
  return tokens.empty() ? "" : tokens.back();
}

Location locate(const MarkMap& marks, std::string pointer, const std::string& file, bool atKey) {
  while (true) {
    auto it = marks.find(pointer);
    if (it != marks.end()) {
      const YAML::Mark& m = (atKey && !it->second.key.is_null()) ? it->second.key : it->second.value;
      if (!m.is_null()) return locationOf(m, file);
    }
    if (pointer.empty()) return {file, 1, 1};
    pointer = parentPointer(pointer);
    atKey = true;  // an ancestor is best shown by its key
  }
}

// Debian bookworm's valijson fails every non-empty object under a propertyNames reached through
// a $ref, and records no error for it (found by fuzzing: a spec with rayStartParams failed
// silently, which hid its other errors). Key names are checked in checkUnknownKeys instead.
static void dropPropertyNames(nlohmann::json& schema) {
  if (schema.is_object()) {
    schema.erase("propertyNames");
    for (auto& [key, sub] : schema.items()) dropPropertyNames(sub);
  } else if (schema.is_array()) {
    for (auto& sub : schema) dropPropertyNames(sub);
  }
}

JsonSchema::JsonSchema(nlohmann::json schema) : schema_(std::move(schema)), compiled_(new valijson::Schema) {
  nlohmann::json forValijson = schema_;
  dropPropertyNames(forValijson);
  valijson::SchemaParser parser;
  valijson::adapters::NlohmannJsonAdapter adapter(forValijson);
  parser.populateSchema(adapter, *compiled_);
}

JsonSchema::~JsonSchema() = default;

const nlohmann::json* JsonSchema::resolve(const nlohmann::json* node) const {
  for (int hops = 0; node && node->is_object() && node->contains("$ref") && hops < 16; ++hops) {
    const std::string ref = (*node)["$ref"].get<std::string>();
    if (ref.rfind("#", 0) != 0) return nullptr;  // only local references
    const nlohmann::json* target = valueAt(schema_, ref.substr(1));
    node = target;
  }
  return node;
}

const nlohmann::json* JsonSchema::subschemaFor(const std::string& pointer) const {
  const nlohmann::json* cur = resolve(&schema_);
  for (const std::string& t : splitPointer(pointer)) {
    if (!cur || !cur->is_object()) return nullptr;
    const nlohmann::json* next = nullptr;
    if (cur->contains("properties") && (*cur)["properties"].contains(t)) next = &(*cur)["properties"][t];
    else if (cur->contains("items") && (*cur)["items"].is_object()) next = &(*cur)["items"];
    else if (cur->contains("additionalProperties") && (*cur)["additionalProperties"].is_object())
      next = &(*cur)["additionalProperties"];
    cur = resolve(next);
  }
  return cur;
}

void JsonSchema::checkUnknownKeys(const nlohmann::json& value, const nlohmann::json* schema, const std::string& pointer,
                                  const JsonDocument& doc, const std::string& file, std::vector<Diagnostic>& out,
                                  std::set<std::string>& suggested) const {
  schema = resolve(schema);
  if (!schema || !schema->is_object()) return;
  if (value.is_object()) {
    const nlohmann::json* props = schema->contains("properties") ? &(*schema)["properties"] : nullptr;
    bool closed = schema->contains("additionalProperties") && (*schema)["additionalProperties"].is_boolean() &&
                  !(*schema)["additionalProperties"].get<bool>();
    std::vector<std::string> known;
    if (props)
      for (auto it = props->begin(); it != props->end(); ++it) known.push_back(it.key());
    const nlohmann::json* names = schema->contains("propertyNames") ? &(*schema)["propertyNames"] : nullptr;
    for (auto it = value.begin(); it != value.end(); ++it) {
      const std::string child = jsonPointerAppend(pointer, it.key());
      if (names && names->contains("pattern") &&
          !std::regex_search(it.key(), std::regex((*names)["pattern"].get<std::string>()))) {
        out.push_back({locate(doc.marks, child, file, true),
                       "'" + it.key() + "' is not a valid name in " + humanPath(pointer) + "; names must match " +
                           (*names)["pattern"].get<std::string>()});
        continue;
      }
      if (props && props->contains(it.key())) {
        checkUnknownKeys(it.value(), &(*props)[it.key()], child, doc, file, out, suggested);
      } else if (closed) {
        std::string where = pointer.empty() ? "at the top level" : "in " + humanPath(pointer);
        std::string suggestion = closestMatch(it.key(), known);
        if (!suggestion.empty()) suggested.insert(jsonPointerAppend(pointer, suggestion));
        std::string msg = "unknown key '" + it.key() + "' " + where + didYouMean(it.key(), known);
        msg += "; allowed keys: " + joinWords(known, "and");
        out.push_back({locate(doc.marks, child, file, true), msg});
      } else if (schema->contains("additionalProperties") && (*schema)["additionalProperties"].is_object()) {
        checkUnknownKeys(it.value(), &(*schema)["additionalProperties"], child, doc, file, out, suggested);
      }
    }
  } else if (value.is_array() && schema->contains("items") && (*schema)["items"].is_object()) {
    for (size_t i = 0; i < value.size(); ++i)
      checkUnknownKeys(value[i], &(*schema)["items"], jsonPointerAppend(pointer, std::to_string(i)), doc, file, out,
                       suggested);
  }
}

std::string JsonSchema::explain(const std::string& pointer, const std::string& description,
                                const nlohmann::json& doc) const {
  const nlohmann::json* sub = subschemaFor(pointer);
  const nlohmann::json* value = valueAt(doc, pointer);
  std::string name = pointer.empty() ? "the document" : "'" + lastPointerToken(pointer) + "'";
  if (!sub || !value) return name + ": " + description;

  auto has = [&](const char* k) { return sub->contains(k); };
  if (description.find("'type'") != std::string::npos && has("type")) {
    std::vector<std::string> types;
    if ((*sub)["type"].is_array())
      for (const auto& t : (*sub)["type"]) types.push_back(typeWord(t.get<std::string>()));
    else
      types.push_back(typeWord((*sub)["type"].get<std::string>()));
    std::string msg = name + " must be " + joinWords(types, "or") + ", not " + jsonTypeName(*value);
    if (types.size() == 1 && types[0] == "a string" && (value->is_number() || value->is_boolean()))
      msg += "; put the value in quotes, e.g. \"" + value->dump() + "\"";
    return msg;
  }
  if (description.find("enum") != std::string::npos && has("enum")) {
    std::vector<std::string> allowed;
    for (const auto& e : (*sub)["enum"]) allowed.push_back(e.is_string() ? e.get<std::string>() : e.dump());
    std::string msg = name + " is " + shortValue(*value) + "; it must be " + (allowed.size() == 1 ? "" : "one of ") +
                      joinWords(allowed, "or");
    if (value->is_string()) msg += didYouMean(value->get<std::string>(), allowed);
    return msg;
  }
  if ((description.find("minimum") != std::string::npos || description.find("maximum") != std::string::npos ||
       description.find("greater") != std::string::npos || description.find("less") != std::string::npos) &&
      (has("minimum") || has("maximum"))) {
    std::string range = has("minimum") && has("maximum")
                            ? "between " + (*sub)["minimum"].dump() + " and " + (*sub)["maximum"].dump()
                        : has("minimum") ? "at least " + (*sub)["minimum"].dump()
                                         : "at most " + (*sub)["maximum"].dump();
    return name + " is " + value->dump() + "; it must be " + range;
  }
  if ((description.find("characters") != std::string::npos || description.find("Length") != std::string::npos) &&
      value->is_string()) {
    const size_t size = value->get<std::string>().size();
    std::string msg = name + " is " + std::to_string(size) + " characters long";
    if (has("minLength") && size < (*sub)["minLength"].get<size_t>()) msg += "; at least " + (*sub)["minLength"].dump() + " are needed";
    else if (has("maxLength")) msg += "; at most " + (*sub)["maxLength"].dump() + " are allowed";
    if (has("minLength") && value->get<std::string>().empty()) msg = name + " must not be empty";
    return msg;
  }
  if (description.find("items") != std::string::npos && has("maxItems") && value->is_array())
    return name + " has " + std::to_string(value->size()) + " entries; at most " + (*sub)["maxItems"].dump() +
           " are allowed";
  if (description.find("regex") != std::string::npos || description.find("pattern") != std::string::npos) {
    std::string msg = name + " is " + (value->is_string() ? shortValue(*value) : value->dump()) + ", which is not valid";
    if (has("x-expected")) msg += "; expected " + (*sub)["x-expected"].get<std::string>();
    else if (has("description")) msg += ": " + (*sub)["description"].get<std::string>();
    else if (has("pattern")) msg += "; it must match " + (*sub)["pattern"].get<std::string>();
    return msg;
  }
  return name + ": " + description;
}

std::vector<Diagnostic> JsonSchema::validate(const JsonDocument& doc, const std::string& file) const {
  std::vector<Diagnostic> out;
  std::set<std::string> suggested;  // pointers a did-you-mean pointed to
  checkUnknownKeys(doc.value, &schema_, "", doc, file, out, suggested);

  valijson::Validator validator;  // strong types: "1" is not an integer
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter target(doc.value);
  validator.validate(*compiled_, target, &results);

  struct Raw {
    std::string pointer, description;
  };
  std::vector<Raw> raw;
  valijson::ValidationResults::Error e;
  while (results.popError(e)) raw.push_back({contextToPointer(e.context), e.description});

  auto isSummary = [](const std::string& d) {
    return d.find("could not be validated using 'properties'") != std::string::npos ||
           d.rfind("Failed to validate", 0) == 0;
  };
  std::set<std::pair<std::string, std::string>> seen;
  for (const Raw& r : raw) {
    // Unknown keys were reported above with a suggestion; summary errors of parents only repeat
    // what their children say (a parent's own error, such as a missing key, stands beside them).
    if (isSummary(r.description)) continue;

    std::string message;
    Location where;
    const std::string missingPrefix = "issing required property '";  // valijson words it two ways
    auto m = r.description.find(missingPrefix);
    if (m != std::string::npos) {
      std::string key = r.description.substr(m + missingPrefix.size());
      key = key.substr(0, key.find('\''));
      // A misspelt key already says "did you mean" this one; do not also report it missing.
      if (suggested.count(jsonPointerAppend(r.pointer, key))) continue;
      std::string parent = r.pointer.empty() ? "the document" : humanPath(r.pointer);
      message = "missing required key '" + key + "' in " + parent + "; add it (see `raylog-gen schema`)";
      where = locate(doc.marks, r.pointer, file, true);
    } else {
      message = explain(r.pointer, r.description, doc.value);
      where = locate(doc.marks, r.pointer, file);
    }
    if (seen.insert({r.pointer, message}).second) out.push_back({where, message});
  }
  // A document valijson refuses is never passed as valid, even when it names only summaries.
  if (out.empty() && !raw.empty()) {
    const Raw& deepest = *std::max_element(raw.begin(), raw.end(), [](const Raw& a, const Raw& b) {
      return a.pointer.size() < b.pointer.size();
    });
    out.push_back({locate(doc.marks, deepest.pointer, file), explain(deepest.pointer, deepest.description, doc.value)});
  }
  return out;
}

}  // namespace raylog
