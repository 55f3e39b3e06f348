// KubeRay's History Server collector (DOMAIN §6): a sidecar that uploads Ray's logs and events to
// object storage (spec.collector), beside a file agent or, with agent type history-collector, alone.
#include "agents/history_collector/collector_names.h"
#include "agents/history_collector/collector_pieces.h"
#include "agents/history_collector/collector_releases.h"
#include "util/image_version.h"
#include "agents/history_collector/collector_objects.h"
#include "agents/log_agent.h"

namespace raylog {

namespace {

const char* kType = "history-collector";

bool contains(const std::string& s, const char* part) { return s.find(part) != std::string::npos; }

std::string scalar(const YAML::Node& n, const char* key) {
  const YAML::Node v = n[key];
  return v && v.IsScalar() ? v.Scalar() : "";
}

// KubeRay's images are <registry>/historyserver or .../collector; its samples run `collector`.
bool imageIsOurs(const std::string& image) {
  return contains(image, "historyserver") || contains(image, "/collector") || image.rfind("collector:", 0) == 0;
}

bool recognises(const YAML::Node& c) {
  const YAML::Node command = c["command"];
  const std::string cmd0 =
      command && command.IsSequence() && command.size() > 0 && command[0].IsScalar() ? command[0].Scalar() : "";
  // ray-history-collector: the name KubeRay v1.7 gives the collector it adds (utils/constant.go).
  const std::string name = scalar(c, "name");
  return name == kCollectorContainer || name == "ray-history-collector" || cmd0 == "collector" ||
         imageIsOurs(scalar(c, "image"));
}

void checkSpec(const nlohmann::json& given, const Spec& s, SpecReport& report) {
  if (s.agent.type == kType) {
    if (!s.collector.enabled)
      report.error("/spec/agent/type", false, "agent type history-collector needs spec.collector (image and storage)");
    for (const char* key : {"output", "outputs"})
      if (given.contains(key))
        report.error(std::string("/spec/") + key, true,
                     std::string("with agent type history-collector nothing reads spec.") + key +
                         " (the collector uploads to collector.storage); remove it, or use agent type fluent-bit");
  }
  if (!s.collector.enabled) return;
  const CollectorSpec& c = s.collector;
  if (s.strategy == "daemonset")
    report.error("/spec/collector", true, "the History Server collector runs as a sidecar; use strategy sidecar for it");
  const nlohmann::json& given_c = given["collector"];
  const CollectorReleaseInfo& release = collectorRelease(c.release);
  const std::string releasePointer = given_c.contains("release") ? "/spec/collector/release" : "/spec/collector";
  const bool versionGiven = given.contains("ray") && given["ray"].contains("version");
  if (imageVersion(":" + s.rayVersion) < imageVersion(":" + release.minRay))
    report.error(versionGiven ? "/spec/ray/version" : releasePointer, !versionGiven,
                 "collector release " + release.name + " needs Ray " + release.minRay + " or later (" + release.minRayWhy +
                     "), but ray.version is " + s.rayVersion + "; set spec.ray.version to " + release.minRay +
                     " or later" + (c.release == CollectorRelease::V1_7 ? ", or use collector release v1.6" : ""));
  if (c.mode == CollectorMode::Operator) {
    if (c.release != CollectorRelease::V1_7)
      report.error("/spec/collector/mode", false, "mode operator needs collector release v1.7: KubeRay's operator injects "
                                                  "the collector from v1.7.0 on (historyServerOptions)");
    if (c.eventsPort != 8084)
      report.error("/spec/collector/eventsPort", false, "in mode operator KubeRay sets EVENTS_PORT=8084 itself "
                                                        "(pod.go BuildCollectorContainer); remove eventsPort");
    if (c.gcsCredentials)
      report.error("/spec/collector/storage/gcs/credentialsSecret", true,
                   "in mode operator the collector takes no volumes (collectorOptions has env only), so a key file "
                   "cannot be mounted; use workloadIdentity, or mode sidecar");
  }
  // Token auth: KubeRay names the token's Secret after the cluster (CheckName(cluster), key
  // auth_token), and a RayJob's or RayService's cluster name gets a random suffix, so a sidecar
  // cannot name it; the operator's own collector is given the token (pod.go).
  if (s.rayAuth == RayAuth::Token && c.mode == CollectorMode::Sidecar && s.kind != "RayCluster")
    report.error("/spec/ray/auth", false, "with token auth the collector sidecar of a " + s.kind + " cannot name the token's "
                                          "Secret (KubeRay names it after the generated cluster); use collector mode "
                                          "operator, or kind RayCluster");
  if (c.release == CollectorRelease::V1_6) {
    if (c.backend == "s3" && !c.s3AccessKeyId)
      report.error("/spec/collector/storage/s3", true, "collector release v1.6 reads only static keys (AWS_S3ID, "
                                                       "AWS_S3SECRET: pkg/storage/s3 @v1.6.2), not the pod's identity; "
                                                       "add credentialsSecret, or use release v1.7");
    if (s.rayAuth != RayAuth::None)
      report.error("/spec/ray/auth", false, "collector release v1.6 cannot authenticate to Ray's dashboard; "
                                            "use collector release v1.7 with ray.auth");
    for (const char* key : {"eventMaxDiskMB", "eventMaxFileSizeMB", "eventRotationInterval", "eventCompression"})
      if (given_c.contains("tuning") && given_c["tuning"].contains(key))
        report.error(std::string("/spec/collector/tuning/") + key, true,
                     std::string("'") + key + "' is a setting of collector release v1.7 (its disk event store); remove it");
  }
  // Ports Ray already listens on in a KubeRay pod (ray-operator/controllers/ray/utils/constant.go,
  // pod.go: GCS 6379, dashboard 8265, client 10001, metrics 8080, dashboard agent 52365, Serve 8000).
  for (int64_t taken : {6379, 8265, 10001, 8080, 52365, 8000})
    if (c.eventsPort == taken)
      report.error("/spec/collector/eventsPort", false, "port " + std::to_string(taken) + " is one Ray listens on in the pod; "
                                                        "use the collector's default 8084");
  if (c.backend == "azureblob" && !s.aks.enabled) {  // with spec.aks, spec/cloud_spec.cpp checks azureblob
    const nlohmann::json& az = given_c["storage"]["azureblob"];
    const bool cs = az.contains("connectionStringSecret"), url = az.contains("accountURL"), wi = az.contains("workloadIdentity");
    if (cs == url)
      report.error("/spec/collector/storage/azureblob", true,
                   "azureblob needs connectionStringSecret or accountURL (with workloadIdentity), not " +
                       std::string(cs ? "both" : "neither"));
    else if (url != wi)
      report.error("/spec/collector/storage/azureblob", true, url ? "accountURL needs workloadIdentity (clientId)"
                                                                  : "workloadIdentity goes with accountURL, not a connection string");
  }
  if (c.backend == "gcs" && given_c["storage"]["gcs"].contains("credentialsSecret") &&
      given_c["storage"]["gcs"].contains("workloadIdentity"))
    report.error("/spec/collector/storage/gcs", true, "set credentialsSecret (a key file) or workloadIdentity, not both");
}

}  // namespace

LogAgent historyCollectorAgent() {
  LogAgent a;
  a.type = kType;
  a.product = "History Server collector";
  a.kind = AgentKind::Collector;
  a.tailsFiles = false;  // it reads /tmp/ray too, but beside a file agent, not instead of one
  a.shipsOutputs = false;
  a.containerNames = {kCollectorContainer};
  a.runsFor = [](const Spec& s) { return s.collector.enabled; };
  a.checkSpec = checkSpec;
  a.valueProblem = nullptr;  // its settings are environment variables, not a config file
  a.addPieces = [](const Spec& spec, RayNodeType type, const std::string&, LoggingPieces& p) {
    addCollectorPieces(spec, type, p);
  };
  a.sidecarObjects = [](const Spec&) { return std::vector<YAML::Node>{}; };
  a.renderOnlyObjects = collectorObjects;
  a.addClusterPieces = [](const Spec& spec, YAML::Node clusterSpec) {
    if (spec.collector.mode == CollectorMode::Operator)
      clusterSpec["historyServerOptions"] = collectorHistoryServerOptions(spec);
  };
  a.recognises = recognises;
  a.imageIsOurs = imageIsOurs;
  return a;
}

}  // namespace raylog
