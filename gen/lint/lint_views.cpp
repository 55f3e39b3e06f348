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

Location valueLineLocation(const std::string& file, const YAML::Mark& keyMark, const YAML::Mark& m, int line) {
  if (m.is_null()) return {file, 0, 0};
  // A block scalar's text starts on the line after its indicator, indented under its key.
  return {file, m.line + 1 + line, keyMark.is_null() ? 1 : keyMark.column + 3};
}

Location FluentBitConfigView::lineLocation(int line) const { return valueLineLocation(file, keyMark, valueMark, line); }
Location FluentdConfigView::lineLocation(int line) const { return valueLineLocation(file, keyMark, valueMark, line); }

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
    auto cm = p.configMaps.find(p.ns + "/" + name);
    if (cm == p.configMaps.end()) continue;
    for (const auto& [key, value] : cm->second.data) out.push_back({name, key, &value, &cm->second.file});
  }
  return out;
}

Location AgentConfigValue::lineLocation(int line) const {
  return valueLineLocation(*file, value->keyMark, value->valueMark, line);
}

}  // namespace raylog::lint
