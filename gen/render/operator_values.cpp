#include "render/operator_values.h"

#include "k8s/ray_object.h"
#include "pieces/operator_pieces.h"
#include "render/plain_cluster.h"
#include "render/render.h"
#include "yaml/yaml_build.h"
#include "yaml/yaml_emit.h"

namespace raylog {

namespace {

YAML::Node containerList(const LoggingPieces& pieces) {
  YAML::Node list = y::seq();
  for (const YAML::Node& c : pieces.sidecars) list.push_back(YAML::Clone(c));
  return list;
}

}  // namespace

YAML::Node operatorValues(const Spec& spec) {
  const OperatorPieces pieces = operatorPiecesFor(spec);
  // Key names: configuration_types.go (json tags) and the chart's configmap.yaml, KubeRay v1.7.0.
  YAML::Node config = y::map();
  config["enabled"] = y::boolean(true);  // the chart writes the operator's config file only when on
  config["headSidecarContainers"] = containerList(pieces.head);
  config["workerSidecarContainers"] = containerList(pieces.worker);
  // The spec's labels go on every pod, as render puts them on its own (DefaultPodLabels: v1.7.0+;
  // a label the cluster's template sets wins, raycluster_controller.go buildHeadPod).
  if (!spec.labels.empty()) config["defaultPodLabels"] = y::stringMap(spec.labels);
  YAML::Node values = y::map();
  values["configuration"] = config;
  return values;
}

std::string operatorValuesText(const Spec& spec) {
  return "# Rendered by raylog-gen from RayLogging '" + spec.name + "': values for the kuberay-operator\n"
         "# Helm chart (KubeRay v1.6 or later; defaultPodLabels v1.7 or later). Merge them into yours:\n"
         "#   helm upgrade kuberay-operator kuberay/kuberay-operator --reuse-values -f THIS_FILE\n"
         "# The operator appends these sidecars to every Ray pod it creates from then on, in every\n"
         "# namespace it watches. Each namespace needs the agent's ConfigMap (render's stdout), and each\n"
         "# RayCluster/RayJob/RayService the volumes they mount: raylog-gen inject --operator adds them\n"
         "# and raylog-gen lint --operator-values THIS_FILE checks them.\n" +
         emitDocument(operatorValues(spec));
}

std::vector<YAML::Node> operatorObjects(const Spec& spec, const std::vector<std::string>& namespaces) {
  std::vector<YAML::Node> out;
  if (namespaces.empty()) {
    for (const YAML::Node& cm : agentConfigMapsIn(spec, spec.ns ? *spec.ns : "")) out.push_back(cm);
    YAML::Node object = plainRayObject(spec);
    const OperatorPieces pieces = operatorPiecesFor(spec);
    for (RayPodTemplateRef& ref : rayPodTemplates(object)) applyOperatorVolumes(ref.tmpl, pieces.forType(ref.type));
    out.push_back(object);
    return out;
  }
  for (const std::string& ns : namespaces)
    for (const YAML::Node& cm : agentConfigMapsIn(spec, ns)) out.push_back(cm);
  return out;
}

std::string operatorStream(const Spec& spec, const std::vector<std::string>& namespaces) {
  const std::string header =
      "# Rendered by raylog-gen from RayLogging '" + spec.name + "' for operator-wide logging\n"
      "# (--operator-values): the agent's ConfigMap per namespace" +
      (namespaces.empty() ? ",\n# and the cluster with the volumes the operator's sidecars mount" : "") +
      ". Edit the spec and render\n# again instead of editing this file.\n";
  const std::string body = emitStream(operatorObjects(spec, namespaces));
  return header + (body.find("${") != std::string::npos ? kEnvsubstNotice : "") + body;
}

}  // namespace raylog
