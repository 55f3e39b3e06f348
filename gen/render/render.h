#pragma once
// Spec -> every object the user applies, in dependency order (ConfigMaps before the pods that
// mount them), as one multi-document YAML stream.
#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "spec/spec.h"

namespace raylog {

std::vector<YAML::Node> renderObjects(const Spec& spec);

// The ConfigMaps the spec's agent mounts (in the spec's namespace); inject re-homes them.
std::vector<YAML::Node> agentConfigMaps(const Spec& spec);

// The same ConfigMaps in namespace `ns` ("" = none written): where inject and the operator route
// put them, beside the pods that mount them.
std::vector<YAML::Node> agentConfigMapsIn(const Spec& spec, const std::string& ns);

// With strategy daemonset, the agent's DaemonSet and the objects it needs, in its own namespace;
// empty otherwise.
std::vector<YAML::Node> daemonSetObjects(const Spec& spec);

// The name of that DaemonSet (and of its ServiceAccount).
std::string daemonSetName(const Spec& spec);

// Heads output whose agent config holds ${RAYLOG_*} variables: do not run envsubst over it.
extern const char* const kEnvsubstNotice;

// The comment that heads rendered output: where it came from, and caveats the spec implies.
std::string renderHeader(const Spec& spec);

// The stream with that header.
std::string renderStream(const Spec& spec);

// Adds the spec's logging pieces to every pod template of a Ray object (RayCluster, RayJob,
// RayService). Throws PieceConflict (see logging_pieces.h) naming the template's path.
void addLoggingToRayObject(YAML::Node object, const Spec& spec);

}  // namespace raylog
