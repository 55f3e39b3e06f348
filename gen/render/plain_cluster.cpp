#include "render/plain_cluster.h"

#include "pieces/logging_names.h"
#include "yaml/yaml_build.h"

namespace raylog {

YAML::Node commonLabels(const Spec& spec) {
  StringMap labels = spec.labels;
  labels["app.kubernetes.io/name"] = "ray";
  labels["app.kubernetes.io/instance"] = spec.name;
  labels[kManagedByLabel] = kManagedByValue;
  return y::stringMap(labels);
}

YAML::Node kubeObject(const char* apiVersion, const char* kind, YAML::Node metadata) {
  YAML::Node o = y::map();
  y::set(o, "apiVersion", apiVersion);
  y::set(o, "kind", kind);
  o["metadata"] = metadata;
  return o;
}

YAML::Node objectMetadata(const Spec& spec, const std::string& name) {
  return objectMetadataIn(spec, name, spec.ns ? *spec.ns : "");
}

YAML::Node objectMetadataIn(const Spec& spec, const std::string& name, const std::string& ns) {
  YAML::Node md = y::map();
  y::set(md, "name", name);
  if (!ns.empty()) y::set(md, "namespace", ns);
  md["labels"] = commonLabels(spec);
  StringMap annotations;
  for (const auto& [k, v] : spec.annotations)
    if (k.rfind("raylog.dev/", 0) != 0) annotations[k] = v;  // raylog.dev/* steer raylog-gen itself
  if (!annotations.empty()) md["annotations"] = y::stringMap(annotations);
  return md;
}

YAML::Node tolerationsNode(const std::vector<Toleration>& tolerations) {
  YAML::Node seq = y::seq();
  for (const Toleration& t : tolerations) {
    YAML::Node n = y::map();
    if (!t.key.empty()) y::set(n, "key", t.key);
    if (!t.op.empty()) y::set(n, "operator", t.op);
    if (!t.value.empty()) y::set(n, "value", t.value);
    if (!t.effect.empty()) y::set(n, "effect", t.effect);
    if (t.tolerationSeconds) n["tolerationSeconds"] = y::integer(*t.tolerationSeconds);
    seq.push_back(n);
  }
  return seq;
}

// Requests equal limits, as KubeRay recommends: Ray sizes itself from the limits.
static YAML::Node rayResources(const RayGroup& g) {
  StringMap r = {{"cpu", g.cpu}, {"memory", g.memory}};
  if (g.gpu > 0) r["nvidia.com/gpu"] = std::to_string(g.gpu);
  YAML::Node res = y::map();
  res["requests"] = y::stringMap(r);
  res["limits"] = y::stringMap(r);
  return res;
}

static YAML::Node podTemplate(const Spec& spec, const RayGroup& g) {
  YAML::Node shape = y::loadTemplate(g.isHead ? "ray-head-pod.yaml" : "ray-worker-pod.yaml");
  YAML::Node tmpl = y::map();
  YAML::Node md = y::map();
  YAML::Node labels = commonLabels(spec);
  y::set(labels, "app.kubernetes.io/component", g.isHead ? "head" : "worker");
  md["labels"] = labels;
  tmpl["metadata"] = md;
  YAML::Node podSpec = shape["spec"];
  YAML::Node ray = podSpec["containers"][0];
  y::set(ray, "image", spec.rayImage);
  ray["resources"] = rayResources(g);
  if (!g.nodeSelector.empty()) podSpec["nodeSelector"] = y::stringMap(g.nodeSelector);
  if (!g.tolerations.empty()) podSpec["tolerations"] = tolerationsNode(g.tolerations);
  tmpl["spec"] = podSpec;
  return tmpl;
}

// The RayClusterSpec: rayVersion, head group and worker groups.
static YAML::Node plainClusterSpec(const Spec& spec) {
  YAML::Node s = y::map();
  y::set(s, "rayVersion", spec.rayVersion);
  if (spec.rayAuth != RayAuth::None) {
    // RayClusterSpec.authOptions (ray-operator/apis/ray/v1/raycluster_types.go): KubeRay then
    // creates the token Secret, or mounts Kubernetes service-account tokens.
    YAML::Node auth = y::map();
    y::set(auth, "mode", "token");
    if (spec.rayAuth == RayAuth::Kubernetes) auth["enableK8sTokenAuth"] = y::boolean(true);
    s["authOptions"] = auth;
  }
  YAML::Node head = y::map();
  y::set(head, "serviceType", spec.head.serviceType);
  head["rayStartParams"] = y::stringMap(spec.head.rayStartParams);
  head["template"] = podTemplate(spec, spec.head);
  s["headGroupSpec"] = head;

  YAML::Node workers = y::seq();
  for (const RayGroup& g : spec.workerGroups) {
    YAML::Node w = y::map();
    y::set(w, "groupName", g.name);
    w["replicas"] = y::integer(g.replicas);
    w["minReplicas"] = y::integer(g.minReplicas);
    w["maxReplicas"] = y::integer(g.maxReplicas);
    w["rayStartParams"] = y::stringMap(g.rayStartParams);
    w["template"] = podTemplate(spec, g);
    workers.push_back(w);
  }
  if (workers.size() > 0) s["workerGroupSpecs"] = workers;
  return s;
}

// RayJob fields first, the cluster last: the order KubeRay's samples use.
static YAML::Node rayJobSpec(const Spec& spec, const YAML::Node& cluster) {
  const RayJobSpec& j = spec.rayJob;
  YAML::Node s = y::map();
  y::set(s, "entrypoint", j.entrypoint);
  if (!j.runtimeEnvYaml.empty()) y::set(s, "runtimeEnvYAML", j.runtimeEnvYaml);
  if (!j.submissionMode.empty()) y::set(s, "submissionMode", j.submissionMode);
  s["shutdownAfterJobFinishes"] = y::boolean(j.shutdownAfterJobFinishes);
  s["ttlSecondsAfterFinished"] = y::integer(j.ttlSecondsAfterFinished);
  if (j.activeDeadlineSeconds) s["activeDeadlineSeconds"] = y::integer(*j.activeDeadlineSeconds);
  s["rayClusterSpec"] = cluster;
  return s;
}

static YAML::Node rayServiceSpec(const Spec& spec, const YAML::Node& cluster) {
  YAML::Node s = y::map();
  y::set(s, "serveConfigV2", spec.rayService.serveConfigV2);
  s["rayClusterConfig"] = cluster;
  return s;
}

YAML::Node plainRayObject(const Spec& spec) {
  YAML::Node o = y::map();
  y::set(o, "apiVersion", "ray.io/v1");
  y::set(o, "kind", spec.kind);
  o["metadata"] = objectMetadata(spec, spec.name);
  const YAML::Node cluster = plainClusterSpec(spec);
  if (spec.kind == "RayJob") o["spec"] = rayJobSpec(spec, cluster);
  else if (spec.kind == "RayService") o["spec"] = rayServiceSpec(spec, cluster);
  else o["spec"] = cluster;
  return o;
}

}  // namespace raylog
