#include "yaml/yaml_to_json.h"

#include <regex>

#include "yaml/source_file.h"

namespace raylog {

std::string jsonPointerAppend(const std::string& base, const std::string& token) {
  std::string escaped;
  for (char c : token) {
    if (c == '~') escaped += "~0";
    else if (c == '/') escaped += "~1";
    else escaped += c;
  }
  return base + "/" + escaped;
}

nlohmann::json resolvePlainScalar(const std::string& t) {
  static const std::regex kNull("^(~|null|Null|NULL|)$");
  static const std::regex kTrue("^(true|True|TRUE)$");
  static const std::regex kFalse("^(false|False|FALSE)$");
  static const std::regex kInt("^[-+]?[0-9]+$");
  static const std::regex kOct("^0o[0-7]+$");
  static const std::regex kHex("^0x[0-9a-fA-F]+$");
  static const std::regex kFloat("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$");
  if (std::regex_match(t, kNull)) return nullptr;
  if (std::regex_match(t, kTrue)) return true;
  if (std::regex_match(t, kFalse)) return false;
  try {
    if (std::regex_match(t, kInt)) return std::stoll(t);
    if (std::regex_match(t, kOct)) return std::stoll(t.substr(2), nullptr, 8);
    if (std::regex_match(t, kHex)) return std::stoll(t.substr(2), nullptr, 16);
    if (std::regex_match(t, kFloat)) return std::stod(t);
  } catch (const std::out_of_range&) {
    return std::stod(t);  // beyond int64: a (large) number all the same
  }
  return t;
}

namespace {

class Converter {
 public:
  explicit Converter(std::string file) : file_(std::move(file)) {}

  nlohmann::json convert(const YAML::Node& node, const std::string& pointer, int depth) {
    if (depth > kMaxDepth) fail(node.Mark(), "nesting is deeper than " + std::to_string(kMaxDepth) + " levels");
    if (++nodes_ > kMaxNodes)
      fail(node.Mark(), "document has more than " + std::to_string(kMaxNodes) +
                            " values (after expanding aliases); simplify it");
    marks_[pointer].value = node.Mark();
    switch (node.Type()) {
      case YAML::NodeType::Null:
      case YAML::NodeType::Undefined:
        return nullptr;
      case YAML::NodeType::Scalar: {
        const std::string& tag = node.Tag();
        if (tag == "!" || tag == "tag:yaml.org,2002:str") return node.Scalar();
        return resolvePlainScalar(node.Scalar());
      }
      case YAML::NodeType::Sequence: {
        nlohmann::json arr = nlohmann::json::array();
        size_t i = 0;
        for (const YAML::Node& item : node) {
          arr.push_back(convert(item, jsonPointerAppend(pointer, std::to_string(i)), depth + 1));
          ++i;
        }
        return arr;
      }
      case YAML::NodeType::Map: {
        nlohmann::json obj = nlohmann::json::object();
        for (auto it = node.begin(); it != node.end(); ++it) {
          if (!it->first.IsScalar()) fail(it->first.Mark(), "mapping keys must be plain strings");
          const std::string key = it->first.Scalar();
          if (obj.contains(key)) fail(it->first.Mark(), "duplicate key '" + key + "'; remove one of them");
          const std::string child = jsonPointerAppend(pointer, key);
          marks_[child].key = it->first.Mark();
          obj[key] = convert(it->second, child, depth + 1);
        }
        return obj;
      }
    }
    return nullptr;
  }

  MarkMap takeMarks() { return std::move(marks_); }

 private:
  [[noreturn]] void fail(const YAML::Mark& mark, const std::string& message) {
    throw InputError(Diagnostic{locationOf(mark, file_), message});
  }

  std::string file_;
  MarkMap marks_;
  size_t nodes_ = 0;
};

}  // namespace

JsonDocument yamlToJson(const YAML::Node& root, const std::string& file) {
  Converter c(file);
  JsonDocument doc;
  doc.value = c.convert(root, "", 0);
  doc.marks = c.takeMarks();
  return doc;
}

}  // namespace raylog
