#include "render/render.h"

#include "agents/log_agent.h"
#include "k8s/ray_object.h"
#include "pieces/logging_pieces.h"
#include "render/cloud_identity.h"
#include "render/plain_cluster.h"
#include "yaml/yaml_build.h"
#include "yaml/yaml_emit.h"

namespace raylog {

void addLoggingToRayObject(YAML::Node object, const Spec& spec) {
  applyClusterPieces(object, spec);
  for (RayPodTemplateRef& ref : rayPodTemplates(object)) {
    try {
      applyLoggingPieces(ref.tmpl, loggingPiecesFor(spec, ref.type, ref.groupName));
    } catch (const PieceConflict& e) {
      throw PieceConflict(ref.path + ": " + e.what());
    }
  }
}

std::vector<YAML::Node> agentConfigMaps(const Spec& spec) {
  // The DaemonSet's ConfigMap lives with the DaemonSet (daemonSetObjects), not with the pods.
  if (spec.strategy != "sidecar") return {};
  std::vector<YAML::Node> out;
  for (const LogAgent* agent : agentsRunningFor(spec))
    for (const YAML::Node& o : agent->sidecarObjects(spec)) out.push_back(o);
  return out;
}

std::vector<YAML::Node> agentConfigMapsIn(const Spec& spec, const std::string& ns) {
  std::vector<YAML::Node> out;
  for (YAML::Node cm : agentConfigMaps(spec)) {
    YAML::Node md = y::map();  // name, then namespace, then the rest: the usual order
    md["name"] = cm["metadata"]["name"];
    if (!ns.empty()) y::set(md, "namespace", ns);
    for (auto it = cm["metadata"].begin(); it != cm["metadata"].end(); ++it) {
      const std::string key = it->first.Scalar();
      if (key != "name" && key != "namespace") md[it->first] = it->second;
    }
    cm["metadata"] = md;
    out.push_back(cm);
  }
  return out;
}

std::vector<YAML::Node> daemonSetObjects(const Spec& spec) {
  const LogAgent* agent = findLogAgent(spec.agent.type);
  return spec.strategy == "daemonset" && agent && agent->daemonSetObjects ? agent->daemonSetObjects(spec)
                                                                          : std::vector<YAML::Node>{};
}

std::string daemonSetName(const Spec& spec) {
  const LogAgent* agent = findLogAgent(spec.agent.type);
  return agent && agent->daemonSetName ? agent->daemonSetName(spec) : "";
}

std::vector<YAML::Node> renderObjects(const Spec& spec) {
  YAML::Node cluster = plainRayObject(spec);
  addLoggingToRayObject(cluster, spec);
  if (spec.strategy == "stderr") {
    // A deliberate choice, explained in the header: lint's RAY_LOG_TO_STDERR warning would only repeat it.
    YAML::Node md = cluster["metadata"];
    if (!md["annotations"]) md["annotations"] = y::map();
    y::set(md["annotations"], "raylog-gen.dev/ignore", "RL108");
  }
  std::vector<YAML::Node> objects = agentConfigMaps(spec);
  for (const YAML::Node& o : daemonSetObjects(spec)) objects.push_back(o);
  for (const LogAgent* agent : agentsRunningFor(spec))
    if (agent->renderOnlyObjects)
      for (const YAML::Node& o : agent->renderOnlyObjects(spec)) objects.push_back(o);
  for (const YAML::Node& o : cloudIdentityObjects(spec)) objects.push_back(o);
  objects.push_back(cluster);
  return objects;
}

// Repeated in the output so whoever applies it sees what stderr mode gives up.
static const char* kStderrNotice =
    "# strategy: stderr. Every Ray container runs with RAY_LOG_TO_STDERR=1: Ray writes its logs to\n"
    "# stderr instead of files under /tmp/ray, and a node-level collector of container output\n"
    "# (Fluent Bit or Vector DaemonSet, your cloud's agent) must ship them. Caveats: features that\n"
    "# read log files stop working (worker log redirection to the driver; the dashboard's log\n"
    "# view); each record is prefixed with its component, e.g. (raylet), but the lines of a\n"
    "# multi-line record after the first are not; a file-tailing sidecar would collect nothing.\n";

// KubeRay's samples tell users to pipe manifests through envsubst, which blanks every ${VAR}.
const char* const kEnvsubstNotice =
    "# The ${...} below are filled in by the log agent from its environment when it starts. Do not\n"
    "# run envsubst over this file (it would blank them); substitute only your own: envsubst '$MY_VAR'.\n";

std::string renderHeader(const Spec& spec) {
  std::string header = "# Rendered by raylog-gen from RayLogging '" + spec.name +
                       "'. Edit the spec and render again instead of editing this file.\n";
  if (spec.strategy == "stderr") header += kStderrNotice;
  if (emitStream(renderObjects(spec)).find("${") != std::string::npos) header += kEnvsubstNotice;
  return header;
}

std::string renderStream(const Spec& spec) { return renderHeader(spec) + emitStream(renderObjects(spec)); }

}  // namespace raylog
