#include "pieces/logging_pieces.h"

#include <algorithm>

#include "agents/log_agent.h"
#include "k8s/ray_object.h"
#include "pieces/agent_container.h"
#include "pieces/daemonset_pieces.h"
#include "pieces/env_vars.h"
#include "pieces/logging_names.h"
#include "ray/ray_logging_settings.h"
#include "yaml/yaml_build.h"
#include "yaml/yaml_emit.h"

namespace raylog {

namespace {

bool sameNode(const YAML::Node& a, const YAML::Node& b) { return emitDocument(a) == emitDocument(b); }

std::string nameOf(const YAML::Node& n) { return n["name"] ? n["name"].Scalar() : ""; }

// Appends `item` to `list`, or replaces the same-named entry when it is raylog-gen's own.
void upsertNamed(YAML::Node list, const YAML::Node& item, bool owned, const std::string& what) {
  const std::string name = nameOf(item);
  for (size_t i = 0; i < list.size(); ++i) {
    if (nameOf(list[i]) != name) continue;
    if (sameNode(list[i], item)) return;
    if (!owned)
      throw PieceConflict("the pod template already has a " + what + " named '" + name +
                              "' that raylog-gen did not add; rename or remove it",
                          list[i].Mark());
    list[i] = item;
    return;
  }
  list.push_back(item);
}

// Sets parent[path...] to `value` when absent or equal; an existing different value is replaced
// only when raylog-gen owns the template.
void setOwnedField(YAML::Node parent, const std::vector<std::string>& path, const YAML::Node& value, bool owned,
                   const std::string& what) {
  YAML::Node cur = parent;
  for (size_t i = 0; i + 1 < path.size(); ++i) {
    if (!cur[path[i]] || !cur[path[i]].IsMap()) cur[path[i]] = y::map();
    YAML::Node next = cur[path[i]];
    cur.reset(next);  // move the handle without writing through
  }
  const std::string& last = path.back();
  if (cur[last] && !sameNode(cur[last], value) && !owned)
    throw PieceConflict("the pod template already has a " + what + " that raylog-gen did not add; remove it",
                        cur[last].Mark());
  cur[last] = value;
}

// A log agent that raylog-gen did not add (the guides' fluentbit, someone's collector) would
// ship every line a second time beside raylog-gen's, whichever agent raylog-gen adds.
// In a template raylog-gen already wired (`owned`), its agents' containers are its own.
void rejectOtherAgents(const PodTemplate& tmpl, const LoggingPieces& pieces, bool owned) {
  auto ours = [&](const std::string& name) {
    for (const YAML::Node& s : pieces.sidecars)
      if (nameOf(s) == name) return true;
    if (owned)
      for (const LogAgent& a : logAgents())
        if (std::find(a.containerNames.begin(), a.containerNames.end(), name) != a.containerNames.end()) return true;
    return false;
  };
  if (pieces.sidecars.empty()) return;
  const YAML::Node spec = tmpl.node()["spec"];
  for (const char* list : {"containers", "initContainers"}) {
    const YAML::Node cs = spec[list];
    if (!cs || !cs.IsSequence()) continue;
    for (size_t i = 0; i < cs.size(); ++i) {
      if (std::string(list) == "containers" && i == 0) continue;  // the Ray container
      const YAML::Node c = cs[i];
      const LogAgent* theirs = c.IsMap() ? recogniseAgent(c) : nullptr;
      if (!theirs || ours(nameOf(c))) continue;
      throw PieceConflict("the pod template already runs a log agent (" + theirs->product + ") in container '" +
                              nameOf(c) + "' that raylog-gen did not add; remove it, with its volumes, so that " +
                              nameOf(pieces.sidecars.front()) + " is the only agent shipping these logs",
                          c.Mark());
    }
  }
}

// n[a][b], or a null node, without creating anything.
YAML::Node childOf(const YAML::Node& n, const char* a, const char* b) {
  if (!n || !n.IsMap() || !n[a] || !n[a].IsMap() || !n[a][b]) return YAML::Node(YAML::NodeType::Undefined);
  return n[a][b];
}

// Removes the entry named `name` from `list` (a sidecar that moves between containers and
// initContainers when the sidecar mode changes).
void removeNamed(YAML::Node list, const std::string& name) {
  YAML::Node kept = y::seq();
  bool removed = false;
  for (const YAML::Node& item : list) {
    if (nameOf(item) == name) removed = true;
    else kept.push_back(item);
  }
  if (removed) list = kept;
}

// A template raylog-gen wired for another file agent (the spec switched agent type): take that
// agent's containers and volumes out, or both would ship every line.
void removeOtherAgent(PodTemplate& tmpl, const LoggingPieces& pieces) {
  auto wanted = [](const std::vector<YAML::Node>& list, const std::string& name) {
    for (const YAML::Node& n : list)
      if (nameOf(n) == name) return true;
    return false;
  };
  for (const LogAgent& agent : logAgents()) {
    if (!agent.tailsFiles) continue;
    for (const std::string& container : agent.containerNames) {
      if (wanted(pieces.sidecars, container)) continue;
      for (const char* list : {"containers", "initContainers"})
        if (tmpl.podSpec()[list] && tmpl.podSpec()[list].IsSequence()) removeNamed(tmpl.podSpec()[list], container);
    }
    for (const std::string& volume : agent.volumeNames)
      if (!wanted(pieces.volumes, volume) && tmpl.podSpec()["volumes"] && tmpl.podSpec()["volumes"].IsSequence())
        removeNamed(tmpl.podSpec()["volumes"], volume);
  }
}

// A value the spec asks for where the template may already have its own: set when absent; a
// different value of the template's is kept and reported in `kept`.
void setUnlessOwn(YAML::Node parent, const std::string& key, const std::string& value, const std::string& what,
                  std::vector<std::string>& kept) {
  const YAML::Node cur = parent[key];
  if (!cur) {
    y::set(parent, key, value);
    return;
  }
  if (!(cur.IsScalar() && cur.Scalar() == value))
    kept.push_back("kept the template's own " + what + " (" + (cur.IsScalar() ? cur.Scalar() : "not a value") +
                   "); the spec asks for " + value);
}

// Uses the template's own /tmp/ray emptyDir when it has one (sidecars only need the two
// containers to share it), else adds raylog-gen's log volume and mount.
std::string ensureLogVolume(PodTemplate& tmpl, YAML::Node ray, const LoggingPieces& pieces, bool owned,
                            std::vector<std::string>& kept) {
  const bool wantsEmptyDir = static_cast<bool>(pieces.logVolume["emptyDir"]);
  if (YAML::Node existing = findMountAt(ray, kRayLogMountPath)) {
    const std::string name = nameOf(existing);
    YAML::Node vol = tmpl.findVolume(name);
    if (!vol)
      throw PieceConflict("the Ray container mounts volume '" + name + "' at /tmp/ray, but the pod defines no such volume",
                          existing.Mark());
    if (wantsEmptyDir && vol["emptyDir"]) {
      if (!pieces.logVolumeSizeLimit.empty()) {
        if (!vol["emptyDir"].IsMap()) vol["emptyDir"] = y::map();  // "emptyDir: {}" written as null
        setUnlessOwn(vol["emptyDir"], "sizeLimit", pieces.logVolumeSizeLimit,
                     "sizeLimit of log volume '" + name + "'", kept);
      }
      return name;
    }
    if (!(owned && name == kRayLogVolume))
      throw PieceConflict("the Ray container mounts volume '" + name + "' at /tmp/ray, which is not " +
                              (wantsEmptyDir ? "an emptyDir; a sidecar needs a pod-local emptyDir there"
                                             : "raylog-gen's hostPath; remove that mount for the DaemonSet strategy"),
                          existing.Mark());
  }
  upsertNamed(tmpl.volumes(), pieces.logVolume, owned, "volume");
  if (!ray["volumeMounts"] || !ray["volumeMounts"].IsSequence()) ray["volumeMounts"] = y::seq();
  YAML::Node mounts = ray["volumeMounts"];
  for (size_t i = 0; i < mounts.size(); ++i)
    if (mounts[i]["mountPath"] && mounts[i]["mountPath"].Scalar() == kRayLogMountPath) {
      mounts[i] = YAML::Clone(pieces.rayLogMount);  // ours (checked above): bring it up to date
      return kRayLogVolume;
    }
  mounts.push_back(YAML::Clone(pieces.rayLogMount));
  return kRayLogVolume;
}

}  // namespace

static LoggingPieces loggingPiecesWithoutSettings(const Spec& spec, RayNodeType type, const std::string& group);

// Ray's own logging settings, for every strategy: they are Ray's, not the agent's.
static void addRayLoggingSettings(const Spec& spec, LoggingPieces& p) {
  for (const auto& [name, value] : rayLoggingEnv(spec.rayLogging)) p.rayLoggingEnv.push_back(envValue(name, value));
  if (spec.strategy != "sidecar" || !boundsLogDisk(spec.rayLogging) || !p.logVolume) return;
  // The kubelet evicts the pod when the emptyDir outgrows sizeLimit, or when the pod's use
  // (emptyDirs and writable layers) outgrows the sum of its containers' limits; the scheduler
  // places it by the requests (kubernetes.io, "Local ephemeral storage"). The request makes the
  // log volume visible to the scheduler; the limit leaves the writable layer room beside it.
  const int64_t volume = logVolumeLimitBytes(spec);
  p.logVolumeSizeLimit = mebibytes(volume);
  y::set(p.logVolume["emptyDir"], "sizeLimit", p.logVolumeSizeLimit);
  p.rayStorageRequest = p.logVolumeSizeLimit;
  p.rayStorageLimit = mebibytes(volume + kWritableLayerAllowance);
}

LoggingPieces loggingPiecesFor(const Spec& spec, RayNodeType type, const std::string& group) {
  LoggingPieces p = loggingPiecesWithoutSettings(spec, type, group);
  addRayLoggingSettings(spec, p);
  return p;
}

static LoggingPieces loggingPiecesWithoutSettings(const Spec& spec, RayNodeType type, const std::string& group) {
  LoggingPieces p;
  if (spec.strategy == "stderr") {
    // Ray writes to stderr instead of files; the container runtime keeps it for node agents.
    p.agentName = "stderr";
    YAML::Node env = y::map();
    y::set(env, "name", "RAY_LOG_TO_STDERR");
    y::set(env, "value", "1");
    p.rayEnv.push_back(env);
    return p;
  }
  if (spec.strategy == "daemonset") return daemonSetPieces(spec, type, group);
  p.agentName = spec.agent.type;
  p.nativeSidecars = spec.agent.sidecarMode == SidecarMode::Native;

  p.logVolume = y::map();
  y::set(p.logVolume, "name", kRayLogVolume);
  p.logVolume["emptyDir"] = y::map();
  p.rayLogMount = volumeMount(kRayLogVolume, kRayLogMountPath);

  for (const LogAgent* agent : agentsRunningFor(spec)) agent->addPieces(spec, type, group, p);
  // On EKS, GKE and AKS the agent's credentials are bound to the pod's ServiceAccount (IRSA, Pod
  // Identity, Workload Identity).
  const bool boundToServiceAccount = (spec.eks.enabled && spec.eks.iamMode != "node-role") || spec.gke.enabled || spec.aks.enabled;
  if (boundToServiceAccount && p.serviceAccountName.empty())
    p.serviceAccountName = spec.name + "-logs";
  // Ray's preStop `ray stop` and the agent's Grace both run inside the pod's grace period.
  p.minTerminationGraceSeconds = std::max<int64_t>(30, spec.agent.graceSeconds + 10);
  return p;
}

void applyClusterPieces(YAML::Node object, const Spec& spec) {
  if (spec.strategy != "sidecar") return;
  YAML::Node clusterSpec = rayClusterSpecOf(object);
  if (!clusterSpec || !clusterSpec.IsMap()) return;
  for (const LogAgent* agent : agentsRunningFor(spec))
    if (agent->addClusterPieces) agent->addClusterPieces(spec, clusterSpec);
}

std::vector<std::string> applyLoggingPieces(PodTemplate& tmpl, const LoggingPieces& pieces) {
  std::vector<std::string> kept;
  YAML::Node ray = tmpl.rayContainer();
  if (!ray) throw PieceConflict("the pod template has no containers; KubeRay expects the Ray container first");
  YAML::Node annotations = tmpl.annotations();
  const bool owned = annotations[kLoggingAnnotation].IsDefined();

  rejectOtherAgents(tmpl, pieces, owned);
  if (owned) removeOtherAgent(tmpl, pieces);
  const std::string logVolume = pieces.logVolume ? ensureLogVolume(tmpl, ray, pieces, owned, kept) : "";
  for (const YAML::Node& c : pieces.initContainers) upsertNamed(tmpl.initContainers(), c, owned, "init container");
  for (const YAML::Node& v : pieces.volumes) upsertNamed(tmpl.volumes(), v, owned, "volume");

  for (const YAML::Node& original : pieces.sidecars) {
    YAML::Node sidecar = YAML::Clone(original);
    for (YAML::Node m : sidecar["volumeMounts"])
      if (nameOf(m) == kRayLogVolume) y::set(m, "name", logVolume);
    YAML::Node target = pieces.nativeSidecars ? tmpl.initContainers() : tmpl.containers();
    YAML::Node other = pieces.nativeSidecars ? tmpl.podSpec()["containers"] : tmpl.podSpec()["initContainers"];
    if (owned && other && other.IsSequence()) removeNamed(other, nameOf(sidecar));
    if (!owned && findByName(other, nameOf(sidecar)))
      throw PieceConflict("the pod template already has a container named '" + nameOf(sidecar) +
                              "' that raylog-gen did not add; rename or remove it",
                          findByName(other, nameOf(sidecar)).Mark());
    upsertNamed(target, sidecar, owned, "container");
  }
  if (tmpl.podSpec()["initContainers"] && tmpl.podSpec()["initContainers"].size() == 0)
    tmpl.podSpec().remove("initContainers");
  y::set(annotations, kLoggingAnnotation, pieces.agentName);

  if (!pieces.rayEnv.empty()) {
    if (!ray["env"] || !ray["env"].IsSequence()) ray["env"] = y::seq();
    for (const YAML::Node& e : pieces.rayEnv) upsertNamed(ray["env"], e, owned, "Ray container environment variable");
  }
  if (!pieces.rayLoggingEnv.empty()) {
    if (!ray["env"] || !ray["env"].IsSequence()) ray["env"] = y::seq();
    YAML::Node env = ray["env"];
    for (const YAML::Node& e : pieces.rayLoggingEnv) {
      const YAML::Node own = findByName(env, nameOf(e));
      if (!own) env.push_back(e);
      else if (!sameNode(own, e))
        kept.push_back("kept the Ray container's own " + nameOf(e) + " (" +
                       (own["value"] && own["value"].IsScalar() ? own["value"].Scalar() : "not a literal value") +
                       "); the spec asks for " + e["value"].Scalar());
    }
  }
  if (!pieces.rayStorageRequest.empty()) {
    // A request or limit of the container's own is kept with its partner: adding only the other
    // could put the request above the limit, which the API server refuses.
    const YAML::Node res = ray["resources"];
    const bool own = res && res.IsMap() && ((res["requests"] && res["requests"].IsMap() && res["requests"]["ephemeral-storage"]) ||
                                            (res["limits"] && res["limits"].IsMap() && res["limits"]["ephemeral-storage"]));
    if (!own) {
      if (!ray["resources"] || !ray["resources"].IsMap()) ray["resources"] = y::map();
      for (const auto& [list, value] : {std::pair<const char*, std::string>{"requests", pieces.rayStorageRequest},
                                        {"limits", pieces.rayStorageLimit}}) {
        if (!ray["resources"][list] || !ray["resources"][list].IsMap()) ray["resources"][list] = y::map();
        y::set(ray["resources"][list], "ephemeral-storage", value);
      }
    } else {
      const YAML::Node req = childOf(res, "requests", "ephemeral-storage"), lim = childOf(res, "limits", "ephemeral-storage");
      if (!(req && req.IsScalar() && req.Scalar() == pieces.rayStorageRequest && lim && lim.IsScalar() &&
            lim.Scalar() == pieces.rayStorageLimit))
        kept.push_back("kept the Ray container's own ephemeral-storage request/limit; the spec asks for " +
                       pieces.rayStorageRequest + "/" + pieces.rayStorageLimit);
    }
  }
  if (pieces.rayPostStart) setOwnedField(ray, {"lifecycle", "postStart"}, pieces.rayPostStart, owned, "Ray container postStart hook");
  if (!pieces.rayCommandPrefix.empty()) {
    YAML::Node command = y::seq();
    command.push_back(y::str(pieces.rayCommandPrefix));
    setOwnedField(ray, {"command"}, command, owned, "Ray container command");
  }
  for (const auto& [key, value] : pieces.podLabels)
    setOwnedField(tmpl.labels(), {key}, y::str(value), owned, "pod label " + key);
  if (!pieces.serviceAccountName.empty())
    setOwnedField(tmpl.podSpec(), {"serviceAccountName"}, y::str(pieces.serviceAccountName), owned, "serviceAccountName");

  YAML::Node podSpec = tmpl.podSpec();
  const YAML::Node grace = podSpec["terminationGracePeriodSeconds"];
  int64_t current = 30;
  if (grace && grace.IsScalar()) {
    try {
      current = grace.as<int64_t>();
    } catch (const YAML::Exception&) {
    }
  }
  if (pieces.minTerminationGraceSeconds > current)
    podSpec["terminationGracePeriodSeconds"] = y::integer(pieces.minTerminationGraceSeconds);
  return kept;
}

}  // namespace raylog
