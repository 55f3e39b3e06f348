#pragma once
// The logging pieces of a Ray pod template (log volume, mounts, agent sidecar, config volume)
// and the one function that adds them. render applies it to a plain cluster; inject applies it
// to users' manifests; lint checks the invariants it establishes.
#include <yaml-cpp/yaml.h>

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "k8s/pod_template.h"
#include "spec/spec.h"

namespace raylog {

struct LoggingPieces {
  // The Ray container's log volume (an emptyDir for sidecars, a hostPath for a DaemonSet;
  // undefined when Ray logs to stderr) and its mount at /tmp/ray.
  YAML::Node logVolume{YAML::NodeType::Undefined};
  YAML::Node rayLogMount{YAML::NodeType::Undefined};
  // Init containers that must run before Ray (e.g. making a host folder writable).
  std::vector<YAML::Node> initContainers;
  // Further pod volumes (agent config).
  std::vector<YAML::Node> volumes;
  // Agent containers. Their mounts of the log volume use kRayLogVolume; apply renames them when
  // the template already has its own /tmp/ray emptyDir under another name.
  std::vector<YAML::Node> sidecars;
  bool nativeSidecars = false;  // initContainers with restartPolicy: Always
  // Environment the Ray container needs (e.g. where to send events), by name.
  std::vector<YAML::Node> rayEnv;
  // Ray's own logging settings (spec.ray.logging): set unless the container already sets the
  // variable, whose value then wins (applyLoggingPieces says so).
  std::vector<YAML::Node> rayLoggingEnv;
  // The log emptyDir's sizeLimit and the Ray container's ephemeral-storage request and limit
  // ("" for none); a template's own values are kept.
  std::string logVolumeSizeLimit, rayStorageRequest, rayStorageLimit;
  // The Ray container's lifecycle.postStart handler, when a piece needs one (null otherwise).
  YAML::Node rayPostStart{YAML::NodeType::Undefined};
  // A shell line the Ray container runs before `ray start` (KubeRay prepends a container command
  // without "ray start" to it: ray-operator/controllers/ray/common/pod.go BuildPod); "" for none.
  std::string rayCommandPrefix;
  // Pod labels a piece needs (cloud identity webhooks select pods by label).
  std::map<std::string, std::string> podLabels;
  // The pod's serviceAccountName, when a piece needs one ("" otherwise).
  std::string serviceAccountName;
  std::string agentName;        // recorded in the kLoggingAnnotation
  // The pod must give the agent this long to flush on shutdown (terminationGracePeriodSeconds
  // is raised to it when lower; Kubernetes' default is 30).
  int64_t minTerminationGraceSeconds = 30;
};

// A pod template that already holds something of the same name that is not raylog-gen's;
// `at` is the conflicting container, volume or mount (null mark: the template itself).
class PieceConflict : public std::runtime_error {
 public:
  explicit PieceConflict(const std::string& what, YAML::Mark at = YAML::Mark::null_mark())
      : std::runtime_error(what), at(at) {}
  YAML::Mark at;
};

// `group` is the worker group's name ("head" for the head): the agent records it.
LoggingPieces loggingPiecesFor(const Spec& spec, RayNodeType type, const std::string& group);

// Settings on the Ray object's RayClusterSpec rather than its pods (authOptions, KubeRay's own
// collector injection): added to `object` by the agents that run for `spec`. Idempotent.
void applyClusterPieces(YAML::Node object, const Spec& spec);

// Adds `pieces` to `tmpl`. Idempotent: pieces already present are updated to `pieces`, never
// duplicated. Throws PieceConflict when a same-named volume or container differs and the
// template was not marked by raylog-gen, or when /tmp/ray is mounted from a non-emptyDir volume.
// Returns one line per setting of the template's own that was kept over the spec's (for inject's
// summary).
std::vector<std::string> applyLoggingPieces(PodTemplate& tmpl, const LoggingPieces& pieces);

}  // namespace raylog
