#include "agents/fluent_bit/fluent_bit_yaml_reader.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>

#include "util/diagnostic.h"
#include "yaml/source_file.h"

namespace raylog {
namespace {

bool sameKey(const std::string& a, const char* b) {
  std::string l = a;
  std::transform(l.begin(), l.end(), l.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return l == b;
}

int lineOf(const YAML::Node& n) { return n.Mark().line + 1; }

std::string scalarOr(const YAML::Node& map, const char* key) {
  const YAML::Node v = map[key];
  return v && v.IsScalar() ? v.Scalar() : "";
}

void addSection(ParsedFluentBitConfig& out, const std::string& name, const YAML::Node& map, int line) {
  FluentBitSection& s = out.config.add(name);
  out.lines.sectionLine.push_back(line);
  out.lines.entryLine.emplace_back();
  std::vector<int>& lines = out.lines.entryLine.back();
  if (!map.IsMap()) {
    out.problems.push_back({line, "a " + name + " entry is not a mapping"});
    return;
  }
  for (auto it = map.begin(); it != map.end(); ++it) {
    if (!it->first.IsScalar()) continue;
    const std::string key = it->first.Scalar();
    const int keyLine = lineOf(it->first);
    // Named copies: `it->first`/`second` are members of a proxy that dies before a loop uses them.
    const YAML::Node value = it->second;
    if (value.IsScalar()) {
      s.append(key, value.Scalar());
      lines.push_back(keyLine);
    } else if (value.IsSequence() && name == "MULTILINE_PARSER" && sameKey(key, "rules")) {
      // src/flb_parser.c reads each rule's state, regex and next_state.
      for (const YAML::Node& r : value)
        if (r.IsMap()) s.rule(scalarOr(r, "state"), scalarOr(r, "regex"), scalarOr(r, "next_state"));
    } else if (value.IsSequence()) {
      for (const YAML::Node& v : value)
        if (v.IsScalar()) {
          s.append(key, v.Scalar());
          lines.push_back(lineOf(v));
        }
    }
  }
}

void addList(ParsedFluentBitConfig& out, const std::string& name, const YAML::Node& list, int line) {
  if (!list.IsSequence()) {
    out.problems.push_back({line, "expected a list of " + name + " entries"});
    return;
  }
  // An empty entry ("- # note") has no position of its own: yaml-cpp marks it where the next token
  // starts, which may be past the text's last line (found by fuzzing). It is named at the list.
  for (const YAML::Node& item : list) addSection(out, name, item, item.IsNull() || item.Mark().is_null() ? line : lineOf(item));
}

}  // namespace

bool isFluentBitYaml(const std::string& text) {
  if (text.find("inputs") == std::string::npos && text.find("outputs") == std::string::npos) return false;
  for (size_t at = 0; at < text.size();) {
    if (text.compare(at, 9, "pipeline:") == 0 || text.compare(at, 9, "Pipeline:") == 0) return true;
    at = text.find('\n', at);
    if (at == std::string::npos) break;
    ++at;
  }
  return false;
}

ParsedFluentBitConfig readFluentBitYaml(const std::string& text) {
  ParsedFluentBitConfig out;
  std::vector<ParsedDocument> docs;
  try {
    docs = parseYamlStream(text, "config");
  } catch (const InputError& e) {
    const Diagnostic& d = e.diagnostics().front();
    out.problems.push_back({std::max(1, d.where.line), d.message});
    return out;
  }
  if (docs.size() != 1 || !docs.front().root.IsMap()) {
    out.problems.push_back({1, "a YAML Fluent Bit config is one mapping (service, pipeline, ...)"});
    return out;
  }
  const YAML::Node& root = docs.front().root;
  for (auto it = root.begin(); it != root.end(); ++it) {
    if (!it->first.IsScalar()) continue;
    const std::string key = it->first.Scalar();
    const int line = lineOf(it->first);
    const YAML::Node v = it->second;
    if (sameKey(key, "service")) {
      addSection(out, "SERVICE", v, line);
    } else if (sameKey(key, "parsers")) {
      addList(out, "PARSER", v, line);
    } else if (sameKey(key, "multiline_parsers")) {
      addList(out, "MULTILINE_PARSER", v, line);
    } else if (sameKey(key, "includes") && v.IsSequence()) {
      for (const YAML::Node& inc : v)
        if (inc.IsScalar()) out.includes.push_back(inc.Scalar());
    } else if (sameKey(key, "pipeline") && v.IsMap()) {
      for (auto st = v.begin(); st != v.end(); ++st) {
        if (!st->first.IsScalar()) continue;
        const std::string stage = st->first.Scalar();
        const YAML::Node list = st->second;
        const int stageLine = lineOf(st->first);
        if (sameKey(stage, "inputs")) addList(out, "INPUT", list, stageLine);
        else if (sameKey(stage, "filters")) addList(out, "FILTER", list, stageLine);
        else if (sameKey(stage, "outputs")) addList(out, "OUTPUT", list, stageLine);
      }
    }
  }
  return out;
}

ParsedFluentBitConfig readFluentBitConfigAnyFormat(const std::string& text) {
  return isFluentBitYaml(text) ? readFluentBitYaml(text) : readFluentBitConfig(text);
}

}  // namespace raylog
