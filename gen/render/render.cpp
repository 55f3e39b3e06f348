#include "render/render.h"

#include "agents/fluent_bit_sidecar_config.h"
#include "k8s/ray_object.h"
#include "pieces/logging_names.h"
#include "pieces/logging_pieces.h"
#include "render/collector_rbac.h"
#include "render/plain_cluster.h"
#include "yaml/yaml_build.h"
#include "yaml/yaml_emit.h"

namespace raylog {

static YAML::Node fluentBitConfigMap(const Spec& spec) {
  YAML::Node cm = y::map();
  y::set(cm, "apiVersion", "v1");
  y::set(cm, "kind", "ConfigMap");
  cm["metadata"] = objectMetadata(spec, fluentBitConfigMapName(spec.name));
  YAML::Node data = y::map();
  y::set(data, kFluentBitConfigKey, fluentBitSidecarConfig(spec).render());
  cm["data"] = data;
  return cm;
}

void addLoggingToRayObject(YAML::Node object, const Spec& spec) {
  for (RayPodTemplateRef& ref : rayPodTemplates(object)) {
    try {
      applyLoggingPieces(ref.tmpl, loggingPiecesFor(spec, ref.type));
    } catch (const PieceConflict& e) {
      throw PieceConflict(ref.path + ": " + e.what());
    }
  }
}

std::vector<YAML::Node> agentConfigMaps(const Spec& spec) { return {fluentBitConfigMap(spec)}; }

std::vector<YAML::Node> renderObjects(const Spec& spec) {
  YAML::Node cluster = plainRayObject(spec);
  addLoggingToRayObject(cluster, spec);
  std::vector<YAML::Node> objects = agentConfigMaps(spec);
  for (const YAML::Node& o : collectorRbacObjects(spec)) objects.push_back(o);
  objects.push_back(cluster);
  return objects;
}

std::string renderStream(const Spec& spec) {
  return "# Rendered by raylog-gen from RayLogging '" + spec.name +
         "'. Edit the spec and render again instead of editing this file.\n" + emitStream(renderObjects(spec));
}

}  // namespace raylog
