#pragma once
// What rules look at: a Ray pod template with its agents, a whole Ray object, an agent's
// Fluent Bit or Fluentd configuration, or any object. Rules report through a Reporter.
#include <yaml-cpp/yaml.h>

#include <map>
#include <string>
#include <vector>

#include "agents/fluent_bit/fluent_bit_reader.h"
#include "agents/log_agent.h"
#include "k8s/operator_config.h"
#include "k8s/ray_object.h"
#include "lint/config_map_index.h"
#include "lint/finding.h"

namespace raylog::lint {

using raylog::AgentKind;

struct Agent {
  YAML::Node container;
  AgentKind kind = AgentKind::OtherFileAgent;
  const LogAgent* known = nullptr;  // raylog-gen's own agent of this kind; nullptr for others
  bool tailsFiles() const { return true; }  // every agent we recognise reads files under /tmp/ray
};

class Reporter {
 public:
  virtual ~Reporter() = default;
  // A finding at a node (its mark) of the file being linted.
  virtual void at(const RuleInfo& rule, const YAML::Node& node, const std::string& message) = 0;
  virtual void atLocation(const RuleInfo& rule, const Location& where, const std::string& message) = 0;
};

struct PodView {
  const YAML::Node& object;  // the Ray object
  RayPodTemplateRef& ref;
  YAML::Node ray;            // the Ray container (first container); may be undefined
  std::vector<Agent> agents;
  std::string ns;
  const ConfigMapIndex& configMaps;
  const OperatorSidecars* operatorSidecars = nullptr;  // lint --operator-values; null otherwise
};

struct RayObjectView {
  const YAML::Node& object;
  std::vector<PodView>& pods;
};

// A Fluent Bit configuration inside a ConfigMap value.
struct FluentBitConfigView {
  const ParsedFluentBitConfig& parsed;
  std::string file;
  YAML::Mark keyMark, valueMark;  // the ConfigMap data key and its value (the literal block)
  const std::string* text = nullptr;  // the config text
  int contentColumn = 0;              // see ConfigMapEntry::Value
  // File location of config line `line` (1-based, as in ParsedFluentBitConfig): its first
  // non-blank character (a key, a section header; in the YAML format, the key after a list's '- ').
  Location lineLocation(int line) const;
};

struct FluentdConfigView {
  const std::string& text;
  std::string file;
  YAML::Mark keyMark, valueMark;
  int contentColumn = 0;
  Location lineLocation(int line) const;
};

// Agents among a pod template's containers and init containers; in a Ray pod template the
// first container is Ray's and is skipped.
std::vector<Agent> agentsOf(const PodTemplate& tmpl, bool rayPod = true);

// The agents of a DaemonSet's pod template (node-level collection); empty for other kinds.
std::vector<Agent> daemonSetAgents(const YAML::Node& object);

// The volume the Ray container mounts at /tmp/ray (undefined when none).
YAML::Node rayLogMount(const YAML::Node& ray);

// The value of env var `name` on a container ("" when unset or not a literal).
std::string envLiteral(const YAML::Node& container, const std::string& name);

// n[k1][k2]... without yaml-cpp's exception when a middle key is missing or not a mapping;
// undefined when the path does not exist.
YAML::Node childAt(const YAML::Node& n, std::initializer_list<const char*> keys);

// Calls fn(container) for every container and init container of a pod template.
template <typename F>
void forEachContainer(const PodTemplate& tmpl, F&& fn) {
  const YAML::Node spec = tmpl.node()["spec"];
  if (!spec || !spec.IsMap()) return;
  for (const char* list : {"containers", "initContainers"}) {
    const YAML::Node cs = spec[list];
    if (!cs || !cs.IsSequence()) continue;
    for (const YAML::Node& c : cs)
      if (c.IsMap()) fn(c);
  }
}

// A value of a ConfigMap that an agent of a Ray pod mounts, when that ConfigMap is in the input.
struct AgentConfigValue {
  std::string configMap, key;
  const ConfigMapEntry::Value* value;
  const std::string* file;
  Location lineLocation(int line) const;  // of config line `line` (1-based) in the YAML file
};
std::vector<AgentConfigValue> agentConfigValues(const PodView& p, const Agent& a);

// A container's (or any object's) name, "?" when it has none.
std::string nameOf(const YAML::Node& n);

// Lines of a text value, as written in the YAML file: block scalars start on the line after
// their indicator; quoted or plain values on the value's own line. With the value's text and
// its block's content column (blockContentColumn), the column is that of the line's first
// non-blank character.
Location valueLineLocation(const std::string& file, const YAML::Mark& keyMark, const YAML::Mark& valueMark, int line,
                           const std::string* text = nullptr, int contentColumn = 0);

// The file column (1-based) where the lines of the block scalar at `valueMark` start, read from
// the file's text; 0 when the value is not a block scalar.
int blockContentColumn(const std::string& fileText, const YAML::Mark& valueMark);

}  // namespace raylog::lint
