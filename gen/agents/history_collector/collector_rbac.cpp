#include "agents/history_collector/collector_rbac.h"

#include "render/plain_cluster.h"
#include "yaml/yaml_build.h"

namespace raylog {

static YAML::Node strings(std::initializer_list<const char*> values) {
  YAML::Node s = y::seq();
  for (const char* v : values) s.push_back(y::str(v));
  return s;
}

std::vector<YAML::Node> collectorRbacObjects(const Spec& spec) {
  const CollectorSpec& c = spec.collector;
  if (!c.enabled || !c.createServiceAccount) return {};

  YAML::Node sa = y::map();
  y::set(sa, "apiVersion", "v1");
  y::set(sa, "kind", "ServiceAccount");
  sa["metadata"] = objectMetadata(spec, c.serviceAccountName);

  YAML::Node rule = y::map();
  rule["apiGroups"] = strings({"ray.io"});
  rule["resources"] = strings({"rayclusters"});
  rule["verbs"] = strings({"get", "list"});
  YAML::Node rules = y::seq();
  rules.push_back(rule);
  YAML::Node role = y::map();
  y::set(role, "apiVersion", "rbac.authorization.k8s.io/v1");
  y::set(role, "kind", "Role");
  role["metadata"] = objectMetadata(spec, c.serviceAccountName);
  role["rules"] = rules;

  YAML::Node subject = y::map();
  y::set(subject, "kind", "ServiceAccount");
  y::set(subject, "name", c.serviceAccountName);
  if (spec.ns) y::set(subject, "namespace", *spec.ns);
  YAML::Node subjects = y::seq();
  subjects.push_back(subject);
  YAML::Node roleRef = y::map();
  y::set(roleRef, "apiGroup", "rbac.authorization.k8s.io");
  y::set(roleRef, "kind", "Role");
  y::set(roleRef, "name", c.serviceAccountName);
  YAML::Node binding = y::map();
  y::set(binding, "apiVersion", "rbac.authorization.k8s.io/v1");
  y::set(binding, "kind", "RoleBinding");
  binding["metadata"] = objectMetadata(spec, c.serviceAccountName);
  binding["subjects"] = subjects;
  binding["roleRef"] = roleRef;
  return {sa, role, binding};
}

}  // namespace raylog
