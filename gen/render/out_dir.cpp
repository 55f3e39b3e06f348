#include "render/out_dir.h"

#include <algorithm>
#include <cctype>

#include "yaml/yaml_build.h"
#include "yaml/yaml_emit.h"

namespace raylog {

// The file an object belongs in; objects of one group share a file.
static std::string groupOf(const std::string& kind) {
  if (kind == "ServiceAccount" || kind == "Role" || kind == "RoleBinding" || kind == "ClusterRole" ||
      kind == "ClusterRoleBinding")
    return "rbac";
  if (kind == "ConfigMap") return "configmaps";
  std::string lower = kind;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  return lower;
}

std::vector<std::pair<std::string, std::string>> outDirFiles(const std::vector<YAML::Node>& objects,
                                                            const std::string& header) {
  std::vector<std::pair<std::string, std::vector<YAML::Node>>> groups;  // first-appearance order
  for (const YAML::Node& o : objects) {
    const std::string group = groupOf(o["kind"] ? o["kind"].Scalar() : "object");
    auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == group; });
    if (it == groups.end()) groups.push_back({group, {o}});
    else it->second.push_back(o);
  }
  std::vector<std::pair<std::string, std::string>> files;
  YAML::Node resources = y::seq();
  for (const auto& [group, members] : groups) {
    files.push_back({group + ".yaml", header + emitStream(members)});
    resources.push_back(y::str(group + ".yaml"));
  }
  YAML::Node k = y::map();
  y::set(k, "apiVersion", "kustomize.config.k8s.io/v1beta1");
  y::set(k, "kind", "Kustomization");
  k["resources"] = resources;
  files.push_back({kKustomizationFile, header + emitDocument(k)});
  return files;
}

}  // namespace raylog
