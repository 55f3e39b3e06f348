#include "lint/config_map_index.h"

#include "agents/log_agent.h"
#include "k8s/pod_template.h"
#include "lint/lint_views.h"

namespace raylog::lint {

const LogAgent* configOwner(const std::string& text) {
  for (const LogAgent& a : logAgents())
    if (a.isConfigText && a.isConfigText(text)) return &a;
  return nullptr;
}

std::vector<std::pair<std::string, ConfigMapEntry>> agentConfigMaps(const std::vector<YAML::Node>& objects,
                                                                    const std::string& text, const std::string& file) {
  std::vector<std::pair<std::string, ConfigMapEntry>> out;
  for (const YAML::Node& o : objects) {
    if (scalarAt(o, "kind") != "ConfigMap" || !o["data"] || !o["data"].IsMap()) continue;
    ConfigMapEntry entry{file, {}};
    for (auto it = o["data"].begin(); it != o["data"].end(); ++it)
      if (it->second.IsScalar() && configOwner(it->second.Scalar()))
        entry.data[it->first.Scalar()] = {it->second.Scalar(), it->first.Mark(), it->second.Mark(),
                                          blockContentColumn(text, it->second.Mark())};
    if (!entry.data.empty())
      out.emplace_back(scalarAt(o, "metadata", "namespace") + "/" + scalarAt(o, "metadata", "name"), std::move(entry));
  }
  return out;
}

}  // namespace raylog::lint
