#include "lint/lint_views.h"

#include <algorithm>

#include "pieces/logging_names.h"

namespace raylog::lint {

static bool contains(const std::string& s, const char* part) { return s.find(part) != std::string::npos; }

static std::string scalar(const YAML::Node& n, const char* key) {
  const YAML::Node v = n[key];
  return v && v.IsScalar() ? v.Scalar() : "";
}

// raylog-gen's own agents know themselves (agents/*/); other file-tailing agents are told by image.
static bool isAgent(const YAML::Node& c, Agent& out) {
  if (const LogAgent* known = recogniseAgent(c)) {
    out = {c, known->kind, known};
    return true;
  }
  const std::string image = scalar(c, "image");
  for (const char* other : {"vector", "filebeat", "promtail", "otel", "opentelemetry"})
    if (contains(image, other)) {
      out = {c, AgentKind::OtherFileAgent, nullptr};
      return true;
    }
  return false;
}

std::vector<Agent> agentsOf(const PodTemplate& tmpl, bool rayPod) {
  std::vector<Agent> out;
  const YAML::Node spec = tmpl.node()["spec"];
  if (!spec || !spec.IsMap()) return out;
  for (const char* list : {"containers", "initContainers"}) {
    const YAML::Node cs = spec[list];
    if (!cs || !cs.IsSequence()) continue;
    for (size_t i = 0; i < cs.size(); ++i) {
      if (rayPod && std::string(list) == "containers" && i == 0) continue;  // the Ray container
      Agent agent;
      if (cs[i].IsMap() && isAgent(cs[i], agent)) out.push_back(agent);
    }
  }
  return out;
}

std::vector<Agent> daemonSetAgents(const YAML::Node& object) {
  const YAML::Node kind = childAt(object, {"kind"});
  const YAML::Node tmpl = childAt(object, {"spec", "template"});
  if (!kind || !kind.IsScalar() || kind.Scalar() != "DaemonSet" || !tmpl) return {};
  return agentsOf(PodTemplate(tmpl), false);
}

YAML::Node rayLogMount(const YAML::Node& ray) { return findMountAt(ray, kRayLogMountPath); }

std::string envLiteral(const YAML::Node& container, const std::string& name) {
  const YAML::Node e = findByName(container["env"], name);
  return e && e["value"] && e["value"].IsScalar() ? e["value"].Scalar() : "";
}

YAML::Node childAt(const YAML::Node& n, std::initializer_list<const char*> keys) {
  YAML::Node cur = n;
  for (const char* k : keys) {
    if (!cur || !cur.IsMap()) return YAML::Node(YAML::NodeType::Undefined);
    const YAML::Node next = static_cast<const YAML::Node&>(cur)[k];
    if (!next) return YAML::Node(YAML::NodeType::Undefined);
    cur.reset(next);
  }
  return cur;
}

std::string nameOf(const YAML::Node& n) {
  const YAML::Node name = childAt(n, {"name"});
  return name && name.IsScalar() ? name.Scalar() : "?";
}

Location valueLineLocation(const std::string& file, const YAML::Mark& keyMark, const YAML::Mark& m, int line,
                           const std::string* text, int contentColumn) {
  if (m.is_null()) return {file, 0, 0};
  // A block scalar's text starts on the line after its indicator, indented under its key.
  if (contentColumn <= 0 || !text) return {file, m.line + 1 + line, keyMark.is_null() ? 1 : keyMark.column + 3};
  // The config line's own indentation (a key under its [SECTION]) comes on top of the block's.
  size_t at = 0;
  for (int l = 1; l < line && at != std::string::npos; ++l) {
    const size_t eol = text->find('\n', at);
    at = eol == std::string::npos ? eol : eol + 1;
  }
  size_t end = at;
  while (end < text->size() && ((*text)[end] == ' ' || (*text)[end] == '\t')) ++end;
  // A YAML-format config's list item ("- name: tail"): the key after the dash.
  while (at != std::string::npos && end + 1 < text->size() && (*text)[end] == '-' && (*text)[end + 1] == ' ') {
    end += 2;
    while (end < text->size() && (*text)[end] == ' ') ++end;
  }
  return {file, m.line + 1 + line, contentColumn + (at == std::string::npos ? 0 : static_cast<int>(end - at))};
}

int blockContentColumn(const std::string& fileText, const YAML::Mark& m) {
  if (m.is_null() || m.pos < 0 || static_cast<size_t>(m.pos) >= fileText.size()) return 0;
  const size_t at = static_cast<size_t>(m.pos);
  if (fileText[at] != '|' && fileText[at] != '>') return 0;
  for (size_t line = fileText.find('\n', at); line != std::string::npos; line = fileText.find('\n', line + 1)) {
    const size_t start = line + 1, first = fileText.find_first_not_of(' ', start);
    if (first == std::string::npos) return 0;
    if (fileText[first] == '\n' || fileText[first] == '\r') continue;  // blank lines do not set the indentation
    return static_cast<int>(first - start) + 1;
  }
  return 0;
}

Location FluentBitConfigView::lineLocation(int line) const {
  return valueLineLocation(file, keyMark, valueMark, line, text, contentColumn);
}
Location FluentdConfigView::lineLocation(int line) const {
  return valueLineLocation(file, keyMark, valueMark, line, &text, contentColumn);
}

std::vector<AgentConfigValue> agentConfigValues(const PodView& p, const Agent& a) {
  std::vector<AgentConfigValue> out;
  const YAML::Node mounts = a.container["volumeMounts"];
  if (!mounts || !mounts.IsSequence()) return out;
  std::vector<std::string> seen;  // a ConfigMap mounted twice (two subPaths) counts once
  for (const YAML::Node& m : mounts) {
    const YAML::Node vol = m["name"] ? p.ref.tmpl.findVolume(m["name"].Scalar()) : YAML::Node(YAML::NodeType::Undefined);
    if (!vol || !vol["configMap"] || !vol["configMap"]["name"]) continue;
    const std::string name = vol["configMap"]["name"].Scalar();
    if (std::find(seen.begin(), seen.end(), name) != seen.end()) continue;
    seen.push_back(name);
    const ConfigMapEntry* cm = p.configMaps.find(p.ns + "/" + name);
    if (!cm) continue;
    for (const auto& [key, value] : cm->data) out.push_back({name, key, &value, &cm->file});
  }
  return out;
}

Location AgentConfigValue::lineLocation(int line) const {
  return valueLineLocation(*file, value->keyMark, value->valueMark, line, &value->text, value->contentColumn);
}

}  // namespace raylog::lint
