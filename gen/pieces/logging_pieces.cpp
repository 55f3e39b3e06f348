#include "pieces/logging_pieces.h"

#include <algorithm>

#include "agents/fluentd/fluentd_sidecar_config.h"
#include "agents/outputs/output_backend.h"
#include "agents/fluent_bit/fluent_bit_parsers.h"
#include "agents/history_collector/collector_pieces.h"
#include "pieces/env_vars.h"
#include "pieces/daemonset_pieces.h"
#include "pieces/logging_names.h"
#include "yaml/yaml_build.h"
#include "yaml/yaml_emit.h"

namespace raylog {

namespace {

YAML::Node mount(const std::string& volume, const std::string& path) {
  YAML::Node m = y::map();
  y::set(m, "name", volume);
  y::set(m, "mountPath", path);
  return m;
}

// The agent's environment: where it runs (downward API), and the outputs' Secrets.
YAML::Node agentEnv(const Spec& spec, RayNodeType type, const std::string& group) {
  YAML::Node env = y::seq();
  env.push_back(envField("RAYLOG_CLUSTER", "metadata.labels['ray.io/cluster']"));
  env.push_back(envField("RAYLOG_NAMESPACE", "metadata.namespace"));
  env.push_back(envField("RAYLOG_POD", "metadata.name"));
  env.push_back(envValue("RAYLOG_NODE_TYPE", type == RayNodeType::Head ? "head" : "worker"));
  env.push_back(envValue("RAYLOG_GROUP", group));
  for (const SecretEnv& s : outputSecrets(spec.outputs)) env.push_back(envSecret(s.var, {s.secretName, s.secretKey}));
  return env;
}

YAML::Node agentResources(const AgentSpec& a) {
  YAML::Node res = y::map();
  res["requests"] = y::stringMap({{"cpu", a.requestCpu}, {"memory", a.requestMemory}});
  res["limits"] = y::stringMap({{"cpu", a.limitCpu}, {"memory", a.limitMemory}});
  return res;
}

YAML::Node fluentBitSidecar(const Spec& spec, RayNodeType type, const std::string& group) {
  const AgentSpec& a = spec.agent;
  YAML::Node fixed = y::loadTemplate("agent-sidecar.yaml");
  YAML::Node c = y::map();
  y::set(c, "name", kFluentBitContainer);
  y::set(c, "image", a.image);
  if (a.sidecarMode == SidecarMode::Native) y::set(c, "restartPolicy", "Always");
  c["env"] = agentEnv(spec, type, group);
  c["resources"] = agentResources(a);
  YAML::Node mounts = y::seq();
  mounts.push_back(mount(kRayLogVolume, kRayLogMountPath));
  for (const auto& [key, path] : {std::pair<const char*, const char*>{kFluentBitConfigKey, kFluentBitConfigPath},
                                  {kParsersKey, kParsersPath}}) {
    YAML::Node file = mount(kFluentBitConfigVolume, path);
    y::set(file, "subPath", key);
    file["readOnly"] = y::boolean(true);
    mounts.push_back(file);
  }
  c["volumeMounts"] = mounts;
  for (auto it = fixed.begin(); it != fixed.end(); ++it) c[it->first.Scalar()] = it->second;
  return c;
}


// The EFK guide's agent: the image's entrypoint edits files under /fluentd/etc and loads a
// Gemfile, so the sidecar starts fluentd itself on raylog-gen's config. Under a read-only root
// filesystem Fluentd's supervisor cannot start: it makes its lock folder with Dir.mktmpdir
// (lib/fluent/supervisor.rb), and Ruby's Dir.tmpdir skips a world-writable folder such as an
// emptyDir and falls back to the read-only /tmp. kubelet restarts the container, so it runs
// without the supervisor; its socket manager goes to the fluentd-run emptyDir
// (SERVERENGINE_SOCKETMANAGER_SOCK_DIR, serverengine/socket_manager.rb; /tmp otherwise).
YAML::Node fluentdSidecar(const Spec& spec, RayNodeType type, const std::string& group) {
  const AgentSpec& a = spec.agent;
  YAML::Node fixed = y::loadTemplate("agent-sidecar.yaml");
  YAML::Node c = y::map();
  y::set(c, "name", kFluentdContainer);
  y::set(c, "image", a.image);
  if (a.sidecarMode == SidecarMode::Native) y::set(c, "restartPolicy", "Always");
  YAML::Node command = y::seq();
  for (const std::string& arg : {std::string("fluentd"), std::string("-c"),
                                 std::string(kFluentdConfigDir) + "/" + kFluentdConfigKey,
                                 std::string("--no-supervisor")})
    command.push_back(y::str(arg));
  c["command"] = command;
  YAML::Node env = agentEnv(spec, type, group);
  env.push_back(envValue("SERVERENGINE_SOCKETMANAGER_SOCK_DIR", kFluentdRunPath));
  // A chunk an output rejects for good is backed up to /tmp/fluent (lib/fluent/env.rb
  // DEFAULT_BACKUP_DIR), which fails under a read-only root; keep it on the log volume instead.
  env.push_back(envValue("FLUENT_BACKUP_DIR", std::string(kRayLogMountPath) + "/fluentd-backup"));
  c["env"] = env;
  c["resources"] = agentResources(a);
  YAML::Node mounts = y::seq();
  mounts.push_back(mount(kRayLogVolume, kRayLogMountPath));
  YAML::Node cfg = mount(kFluentdConfigVolume, kFluentdConfigDir);
  cfg["readOnly"] = y::boolean(true);
  mounts.push_back(cfg);
  mounts.push_back(mount(kFluentdRunVolume, kFluentdRunPath));
  c["volumeMounts"] = mounts;
  for (auto it = fixed.begin(); it != fixed.end(); ++it) c[it->first.Scalar()] = it->second;
  return c;
}

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
                          "' that raylog-gen did not add; rename or remove it");
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
    throw PieceConflict("the pod template already has a " + what + " that raylog-gen did not add; remove it");
  cur[last] = value;
}

// The same agent under another name (the guides call it fluentbit) would ship every line twice.
void rejectSecondAgent(const PodTemplate& tmpl, const std::string& ours) {
  auto family = [](const YAML::Node& c) -> std::string {
    const std::string image = c["image"] && c["image"].IsScalar() ? c["image"].Scalar() : "";
    const std::string name = nameOf(c);
    if (image.find("fluent-bit") != std::string::npos || image.find("fluentbit") != std::string::npos ||
        name == "fluentbit")
      return kFluentBitContainer;
    if (image.find("fluentd") != std::string::npos || name == kFluentdContainer) return kFluentdContainer;
    if (name == kCollectorContainer || image.find("collector") != std::string::npos) return kCollectorContainer;
    return "";
  };
  const YAML::Node spec = tmpl.node()["spec"];
  for (const char* list : {"containers", "initContainers"}) {
    const YAML::Node cs = spec[list];
    if (!cs || !cs.IsSequence()) continue;
    for (size_t i = 0; i < cs.size(); ++i) {
      if (std::string(list) == "containers" && i == 0) continue;  // the Ray container
      const YAML::Node c = cs[i];
      if (!c.IsMap() || nameOf(c) == ours || family(c) != ours) continue;
      throw PieceConflict("the pod template already runs " + ours + " in container '" + nameOf(c) +
                          "' (not added by raylog-gen); remove it, with its volumes, so raylog-gen's '" + ours +
                          "' is the only one");
    }
  }
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

// A template raylog-gen wired for the other file agent (the spec switched between fluent-bit and
// fluentd): take that agent's container and volumes out, or both would ship every line.
void removeOtherAgent(PodTemplate& tmpl, const LoggingPieces& pieces) {
  auto wanted = [](const std::vector<YAML::Node>& list, const std::string& name) {
    for (const YAML::Node& n : list)
      if (nameOf(n) == name) return true;
    return false;
  };
  for (const char* container : {kFluentBitContainer, kFluentdContainer}) {
    if (wanted(pieces.sidecars, container)) continue;
    for (const char* list : {"containers", "initContainers"})
      if (tmpl.podSpec()[list] && tmpl.podSpec()[list].IsSequence()) removeNamed(tmpl.podSpec()[list], container);
  }
  for (const char* volume : {kFluentBitConfigVolume, kFluentdConfigVolume, kFluentdRunVolume})
    if (!wanted(pieces.volumes, volume) && tmpl.podSpec()["volumes"] && tmpl.podSpec()["volumes"].IsSequence())
      removeNamed(tmpl.podSpec()["volumes"], volume);
}

// Uses the template's own /tmp/ray emptyDir when it has one (sidecars only need the two
// containers to share it), else adds raylog-gen's log volume and mount.
std::string ensureLogVolume(PodTemplate& tmpl, YAML::Node ray, const LoggingPieces& pieces, bool owned) {
  const bool wantsEmptyDir = static_cast<bool>(pieces.logVolume["emptyDir"]);
  if (YAML::Node existing = findMountAt(ray, kRayLogMountPath)) {
    const std::string name = nameOf(existing);
    YAML::Node vol = tmpl.findVolume(name);
    if (!vol)
      throw PieceConflict("the Ray container mounts volume '" + name + "' at /tmp/ray, but the pod defines no such volume");
    if (wantsEmptyDir && vol["emptyDir"]) return name;
    if (!(owned && name == kRayLogVolume))
      throw PieceConflict("the Ray container mounts volume '" + name + "' at /tmp/ray, which is not " +
                          (wantsEmptyDir ? "an emptyDir; a sidecar needs a pod-local emptyDir there"
                                         : "raylog-gen's hostPath; remove that mount for the DaemonSet strategy"));
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

LoggingPieces loggingPiecesFor(const Spec& spec, RayNodeType type, const std::string& group) {
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
  p.rayLogMount = mount(kRayLogVolume, kRayLogMountPath);

  if (spec.agent.type == "fluent-bit") {
    YAML::Node cfg = y::map();
    y::set(cfg, "name", kFluentBitConfigVolume);
    YAML::Node cm = y::map();
    y::set(cm, "name", fluentBitConfigMapName(spec.name));
    cfg["configMap"] = cm;
    p.volumes.push_back(cfg);
    p.sidecars.push_back(fluentBitSidecar(spec, type, group));
  }
  if (spec.agent.type == "fluentd") {
    YAML::Node cfg = y::map();
    y::set(cfg, "name", kFluentdConfigVolume);
    YAML::Node cm = y::map();
    y::set(cm, "name", fluentdConfigMapName(spec.name));
    cfg["configMap"] = cm;
    p.volumes.push_back(cfg);
    YAML::Node run = y::map();
    y::set(run, "name", kFluentdRunVolume);
    YAML::Node dir = y::map();
    dir["sizeLimit"] = y::str("16Mi");
    run["emptyDir"] = dir;
    p.volumes.push_back(run);
    p.sidecars.push_back(fluentdSidecar(spec, type, group));
  }
  if (spec.collector.enabled) addCollectorPieces(spec, type, p);
  // On EKS the agent's credentials are bound to the pod's ServiceAccount (IRSA, Pod Identity).
  if (spec.eks.enabled && spec.eks.iamMode != "node-role" && p.serviceAccountName.empty())
    p.serviceAccountName = spec.name + "-logs";
  // Ray's preStop `ray stop` and the agent's Grace both run inside the pod's grace period.
  p.minTerminationGraceSeconds = std::max<int64_t>(30, spec.agent.graceSeconds + 10);
  return p;
}

void applyLoggingPieces(PodTemplate& tmpl, const LoggingPieces& pieces) {
  YAML::Node ray = tmpl.rayContainer();
  if (!ray) throw PieceConflict("the pod template has no containers; KubeRay expects the Ray container first");
  YAML::Node annotations = tmpl.annotations();
  const bool owned = annotations[kLoggingAnnotation].IsDefined();

  if (owned) removeOtherAgent(tmpl, pieces);
  const std::string logVolume = pieces.logVolume ? ensureLogVolume(tmpl, ray, pieces, owned) : "";
  for (const YAML::Node& c : pieces.initContainers) upsertNamed(tmpl.initContainers(), c, owned, "init container");
  for (const YAML::Node& v : pieces.volumes) upsertNamed(tmpl.volumes(), v, owned, "volume");

  for (const YAML::Node& original : pieces.sidecars) {
    rejectSecondAgent(tmpl, nameOf(original));
    YAML::Node sidecar = YAML::Clone(original);
    for (YAML::Node m : sidecar["volumeMounts"])
      if (nameOf(m) == kRayLogVolume) y::set(m, "name", logVolume);
    YAML::Node target = pieces.nativeSidecars ? tmpl.initContainers() : tmpl.containers();
    YAML::Node other = pieces.nativeSidecars ? tmpl.podSpec()["containers"] : tmpl.podSpec()["initContainers"];
    if (owned && other && other.IsSequence()) removeNamed(other, nameOf(sidecar));
    if (!owned && findByName(other, nameOf(sidecar)))
      throw PieceConflict("the pod template already has a container named '" + nameOf(sidecar) +
                          "' that raylog-gen did not add; rename or remove it");
    upsertNamed(target, sidecar, owned, "container");
  }
  if (tmpl.podSpec()["initContainers"] && tmpl.podSpec()["initContainers"].size() == 0)
    tmpl.podSpec().remove("initContainers");
  y::set(annotations, kLoggingAnnotation, pieces.agentName);

  if (!pieces.rayEnv.empty()) {
    if (!ray["env"] || !ray["env"].IsSequence()) ray["env"] = y::seq();
    for (const YAML::Node& e : pieces.rayEnv) upsertNamed(ray["env"], e, owned, "Ray container environment variable");
  }
  if (pieces.rayPostStart) setOwnedField(ray, {"lifecycle", "postStart"}, pieces.rayPostStart, owned, "Ray container postStart hook");
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
}

}  // namespace raylog
