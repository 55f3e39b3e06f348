#include "pieces/daemonset_pieces.h"

#include "pieces/env_vars.h"
#include "pieces/logging_names.h"
#include "yaml/yaml_build.h"

namespace raylog {

// Namespaces cannot contain '_', so the folder name splits back unambiguously.
const char* const kPodLogSubPath = "$(POD_NAMESPACE)_$(POD_NAME)";

static YAML::Node podIdentityEnv() {
  YAML::Node env = y::seq();
  env.push_back(envField("POD_NAME", "metadata.name"));
  env.push_back(envField("POD_NAMESPACE", "metadata.namespace"));
  return env;
}

static YAML::Node podLogMount() {
  YAML::Node m = y::map();
  y::set(m, "name", kRayLogVolume);
  y::set(m, "mountPath", kRayLogMountPath);
  y::set(m, "subPathExpr", kPodLogSubPath);
  return m;
}

LoggingPieces daemonSetPieces(const Spec& spec) {
  LoggingPieces p;
  p.agentName = "fluent-bit-daemonset";
  p.logVolume = y::map();
  y::set(p.logVolume, "name", kRayLogVolume);
  YAML::Node host = y::map();
  y::set(host, "path", spec.daemonset.hostPath);
  y::set(host, "type", "DirectoryOrCreate");
  p.logVolume["hostPath"] = host;
  p.rayLogMount = podLogMount();
  for (const YAML::Node& e : podIdentityEnv()) p.rayEnv.push_back(e);

  // kubelet creates the sub-folder as root; Ray runs as an unprivileged user.
  YAML::Node init = y::map();
  y::set(init, "name", "ray-log-dir");
  y::set(init, "image", spec.rayImage);
  YAML::Node cmd = y::seq();
  for (const char* arg : {"/bin/sh", "-c", "chmod 1777 /tmp/ray"}) cmd.push_back(y::str(arg));
  init["command"] = cmd;
  init["env"] = podIdentityEnv();
  YAML::Node sc = y::map();
  sc["runAsUser"] = y::integer(0);
  init["securityContext"] = sc;
  YAML::Node mounts = y::seq();
  mounts.push_back(podLogMount());
  init["volumeMounts"] = mounts;
  p.initContainers.push_back(init);
  return p;
}

}  // namespace raylog
