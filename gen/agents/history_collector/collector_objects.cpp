#include "agents/history_collector/collector_objects.h"

#include "agents/history_collector/collector_storage.h"
#include "pieces/env_vars.h"
#include "render/cloud_identity.h"
#include "render/plain_cluster.h"
#include "yaml/yaml_build.h"

namespace raylog {

namespace {

// KubeRay's History Server listens on :8080 (historyserver/pkg/historyserver/server.go) behind a
// Service on 30080 (historyserver/config/historyserver.yaml).
const int kHistoryServerPort = 8080;
const int kHistoryServerServicePort = 30080;

YAML::Node strings(std::initializer_list<const char*> values) {
  YAML::Node s = y::seq();
  for (const char* v : values) s.push_back(y::str(v));
  return s;
}

YAML::Node serviceAccount(const Spec& spec, const std::string& name, const std::string& ns) {
  YAML::Node md = objectMetadataIn(spec, name, ns);
  StringMap annotations = spec.collector.serviceAccountAnnotations;
  for (const auto& [k, v] : agentServiceAccountAnnotations(spec)) annotations[k] = v;  // the Ray pods run as it
  if (!annotations.empty()) {
    if (!md["annotations"]) md["annotations"] = y::map();
    for (const auto& [k, v] : annotations) y::set(md["annotations"], k, v);
  }
  return kubeObject("v1", "ServiceAccount", md);
}

YAML::Node historyServerDeployment(const Spec& spec, const std::string& name) {
  const CollectorSpec& c = spec.collector;
  const HistoryServerSpec& h = c.historyServer;
  YAML::Node selector = y::stringMap({{"app.kubernetes.io/name", "ray-historyserver"}, {"app.kubernetes.io/instance", name}});

  // cmd/historyserver/main.go: --storage-backend (or STORAGE_BACKEND), STORAGE_ROOT_DIR, and the
  // same storage variables as a v1.7 collector (pkg/storage).
  YAML::Node env = y::seq();
  env.push_back(envValue("STORAGE_BACKEND", c.backend));
  if (!c.rootDir.empty()) env.push_back(envValue("STORAGE_ROOT_DIR", c.rootDir));
  CollectorSpec asV17 = c;
  asV17.release = CollectorRelease::V1_7;  // the History Server reads the v1.7 names
  addCollectorStorageEnv(asV17, env);

  YAML::Node port = y::map();
  y::set(port, "name", "http");
  port["containerPort"] = y::integer(kHistoryServerPort);
  YAML::Node ctr = y::map();
  y::set(ctr, "name", "historyserver");
  y::set(ctr, "image", h.image);
  if (spec.rayAuth == RayAuth::Token) ctr["args"] = strings({"--use-auth-token-mode=true"});
  ctr["env"] = env;
  YAML::Node ports = y::seq();
  ports.push_back(port);
  ctr["ports"] = ports;
  // pkg/historyserver/router.go @v1.7.0 routerHealthz: /readz and /livez answer "ok" once it serves.
  ctr["readinessProbe"] = YAML::Load("{httpGet: {path: /readz, port: http}, periodSeconds: 10}");
  ctr["livenessProbe"] = YAML::Load("{httpGet: {path: /livez, port: http}, initialDelaySeconds: 10, periodSeconds: 20}");
  YAML::Node res = y::map();
  res["requests"] = y::stringMap({{"cpu", h.requestCpu}, {"memory", h.requestMemory}});
  res["limits"] = y::stringMap({{"cpu", h.limitCpu}, {"memory", h.limitMemory}});
  ctr["resources"] = res;
  ctr["securityContext"] = YAML::Load("{allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}");
  YAML::Node podSpec = y::map();
  y::set(podSpec, "serviceAccountName", name);
  YAML::Node containers = y::seq();
  if (c.gcsCredentials) {
    YAML::Node m = y::map();
    y::set(m, "name", kGcsCredentialsVolume);
    y::set(m, "mountPath", kGcsCredentialsDir);
    m["readOnly"] = y::boolean(true);
    YAML::Node mounts = y::seq();
    mounts.push_back(m);
    ctr["volumeMounts"] = mounts;
    YAML::Node vol = y::map();
    y::set(vol, "name", kGcsCredentialsVolume);
    vol["secret"] = y::stringMap({{"secretName", c.gcsCredentials->name}});
    YAML::Node vols = y::seq();
    vols.push_back(vol);
    podSpec["volumes"] = vols;
  }
  containers.push_back(ctr);
  podSpec["containers"] = containers;

  YAML::Node podLabels = YAML::Clone(selector);
  for (const auto& [k, v] : c.podLabels) y::set(podLabels, k, v);
  YAML::Node tmpl = y::map();
  tmpl["metadata"] = y::map();
  tmpl["metadata"]["labels"] = podLabels;
  tmpl["spec"] = podSpec;
  YAML::Node sel = y::map();
  sel["matchLabels"] = selector;
  YAML::Node dspec = y::map();
  dspec["replicas"] = y::integer(1);
  dspec["selector"] = sel;
  dspec["template"] = tmpl;
  YAML::Node d = kubeObject("apps/v1", "Deployment", objectMetadataIn(spec, name, h.ns));
  d["spec"] = dspec;
  return d;
}

YAML::Node historyServerService(const Spec& spec, const std::string& name) {
  YAML::Node port = y::map();
  y::set(port, "name", "http");
  port["port"] = y::integer(kHistoryServerServicePort);
  y::set(port, "targetPort", "http");
  YAML::Node ports = y::seq();
  ports.push_back(port);
  YAML::Node sspec = y::map();
  y::set(sspec, "type", "ClusterIP");
  sspec["selector"] = y::stringMap({{"app.kubernetes.io/name", "ray-historyserver"}, {"app.kubernetes.io/instance", name}});
  sspec["ports"] = ports;
  YAML::Node s = kubeObject("v1", "Service", objectMetadataIn(spec, name, spec.collector.historyServer.ns));
  s["spec"] = sspec;
  return s;
}

// It lists and gets RayClusters (pkg/historyserver/clientmanager.go) in every namespace; with
// token auth it also reads each cluster's token Secret.
std::vector<YAML::Node> historyServerRbac(const Spec& spec, const std::string& name) {
  YAML::Node rules = y::seq();
  YAML::Node read = y::map();
  read["apiGroups"] = strings({"ray.io"});
  read["resources"] = strings({"rayclusters"});
  read["verbs"] = strings({"get", "list"});
  rules.push_back(read);
  if (spec.rayAuth == RayAuth::Token) {
    YAML::Node secrets = y::map();
    secrets["apiGroups"] = strings({""});
    secrets["resources"] = strings({"secrets"});
    secrets["verbs"] = strings({"get"});
    rules.push_back(secrets);
  }
  YAML::Node role = kubeObject("rbac.authorization.k8s.io/v1", "ClusterRole", objectMetadataIn(spec, name, ""));
  role["rules"] = rules;
  YAML::Node subject = y::map();
  y::set(subject, "kind", "ServiceAccount");
  y::set(subject, "name", name);
  if (!spec.collector.historyServer.ns.empty()) y::set(subject, "namespace", spec.collector.historyServer.ns);
  YAML::Node subjects = y::seq();
  subjects.push_back(subject);
  YAML::Node binding = kubeObject("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", objectMetadataIn(spec, name, ""));
  binding["subjects"] = subjects;
  binding["roleRef"] = y::stringMap({{"apiGroup", "rbac.authorization.k8s.io"}, {"kind", "ClusterRole"}, {"name", name}});
  return {role, binding};
}

}  // namespace

std::vector<YAML::Node> collectorObjects(const Spec& spec) {
  const CollectorSpec& c = spec.collector;
  std::vector<YAML::Node> out;
  if (!c.enabled) return out;
  if (c.createServiceAccount) out.push_back(serviceAccount(spec, c.serviceAccountName, spec.ns.value_or("")));
  if (c.historyServer.enabled) {
    const std::string& name = c.historyServer.serviceAccountName;
    out.push_back(serviceAccount(spec, name, c.historyServer.ns));
    for (const YAML::Node& o : historyServerRbac(spec, name)) out.push_back(o);
    out.push_back(historyServerService(spec, name));
    out.push_back(historyServerDeployment(spec, name));
  }
  return out;
}

}  // namespace raylog
