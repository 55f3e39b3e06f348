#include "k8s/operator_volumes.h"

#include <algorithm>
#include <cctype>

namespace raylog {

namespace {

const OperatorVolume kVolumes[] = {
    // AddRayTokenVolume via configureTokenAuth (pod.go 345-384; IsAuthEnabled / IsK8sAuthEnabled,
    // util.go 796-802): a projected service account token, head and workers.
    {"ray-token", "/var/run/secrets/ray.io/serviceaccount", "authOptions.mode: token and authOptions.enableK8sTokenAuth: true"},
    // addEmptyDir for the object store (pod.go 855-861, 1548-1569): every pod, unless
    // rayStartParams sets plasma-directory or the Ray container already mounts /dev/shm.
    {"shared-mem", "/dev/shm", "the Ray container mounts nothing at /dev/shm and rayStartParams has no plasma-directory"},
    // addEmptyDir for the autoscaler's logs (pod.go 862-870), and for a container named
    // ray-history-collector under the RayClusterHistoryServer feature gate (pod.go 871-876).
    {"ray-logs", "/tmp/ray",
     "enableInTreeAutoscaling: true (head), or a container named ray-history-collector with the RayClusterHistoryServer gate"},
    // configureTLS (pod.go 431-470; IsTLSEnabled, util.go 807-812) under the RayClusterMTLS gate.
    {"ray-tls", "/etc/ray/tls", "tlsOptions.enabled: true (with the RayClusterMTLS gate)"},
    // configureEmbeddedFT (pod.go 104-108, 175-211): the head of a cluster with the RocksDB GCS store.
    {"gcs-storage", "/data/gcs", "gcsFaultToleranceOptions.backend: rocksdb (head)"},
};

// n[k1][k2]...; undefined when a step is missing. reset() moves the handle: assigning one node
// to another would write through to the document.
YAML::Node at(const YAML::Node& n, std::initializer_list<const char*> keys) {
  YAML::Node cur;
  cur.reset(n);
  for (const char* k : keys) {
    if (!cur || !cur.IsMap()) return YAML::Node(YAML::NodeType::Undefined);
    const YAML::Node next = static_cast<const YAML::Node&>(cur)[k];
    if (!next) return YAML::Node(YAML::NodeType::Undefined);  // reset() throws on a missing key's node
    cur.reset(next);
  }
  return cur;
}

// Go's *bool fields: only a YAML true is true.
bool isTrue(const YAML::Node& n) {
  if (!n || !n.IsScalar()) return false;
  std::string v = n.Scalar();
  std::transform(v.begin(), v.end(), v.begin(), [](unsigned char c) { return std::tolower(c); });
  return v == "true";
}

bool mountsAt(const YAML::Node& container, const std::string& path) {
  return container && container.IsMap() && findMountAt(container, path);
}

}  // namespace

const OperatorVolume* findOperatorVolume(const std::string& name) {
  for (const OperatorVolume& v : kVolumes)
    if (name == v.name) return &v;
  return nullptr;
}

bool operatorAddsVolume(const YAML::Node& object, const RayPodTemplateRef& ref, const std::string& name) {
  const YAML::Node cs = rayClusterSpecOf(object);
  if (!cs) return false;
  const bool head = ref.type == RayNodeType::Head;
  if (name == "ray-token")
    return scalarAt(cs, "authOptions", "mode") == "token" && isTrue(at(cs, {"authOptions", "enableK8sTokenAuth"}));
  if (name == "shared-mem")
    return !at(ref.group, {"rayStartParams", "plasma-directory"}) && !mountsAt(ref.tmpl.rayContainer(), "/dev/shm");
  if (name == "ray-logs")
    return (head && isTrue(cs["enableInTreeAutoscaling"])) || ref.tmpl.findContainer("ray-history-collector");
  if (name == "ray-tls") return isTrue(at(cs, {"tlsOptions", "enabled"}));
  if (name == "gcs-storage") return head && scalarAt(cs, "gcsFaultToleranceOptions", "backend") == "rocksdb";
  return false;
}

}  // namespace raylog
