#pragma once
// The RayLogging spec after validation and defaulting: everything render needs, nothing optional
// left to guess. Loaded by spec_loader.h.
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace raylog {

using StringMap = std::map<std::string, std::string>;

struct Toleration {
  std::string key, op, value, effect;  // empty = unset
  std::optional<int64_t> tolerationSeconds;
};

// What a Ray pod of one group asks for and where it may run.
struct RayGroup {
  std::string name;       // "head" for the head group
  bool isHead = false;
  int64_t replicas = 1, minReplicas = 1, maxReplicas = 1;  // workers only
  std::string cpu, memory;
  int64_t gpu = 0;
  StringMap rayStartParams;
  StringMap nodeSelector;
  std::vector<Toleration> tolerations;
  std::string serviceType;  // head only
};

enum class SidecarMode { Classic, Native };

struct AgentSpec {
  std::string type;  // a registered agent (agents/agent_registry.cpp)
  std::string image;
  SidecarMode sidecarMode = SidecarMode::Classic;
  bool sidecarModeGiven = false;  // the spec sets agent.sidecarMode (else it follows the object's kind)
  std::string requestCpu, requestMemory, limitCpu, limitMemory;
  int64_t refreshIntervalSeconds = 5;
  std::string memBufLimit;
  int64_t flushSeconds = 1;
  int64_t graceSeconds = 5;
  std::string pathKey;
  std::string logLevel;
  std::string logFormat;  // text or json (Ray structured logging)
  std::string configFormat;  // Fluent Bit's config file: yaml or classic
  std::string buffer;        // filesystem or memory (agents/outputs/buffering.h decides where it applies)
  std::string bufferLimit;   // per output, on disk, with filesystem buffering
};

// One destination of spec.outputs, as written (backends apply their own defaults).
struct OutputSpec {
  std::string type;
  size_t index = 0;      // position in spec.outputs: names its Secret env vars
  nlohmann::json config;  // the output's keys

  bool has(const char* key) const { return config.contains(key); }
  std::string str(const char* key, const std::string& fallback = "") const {
    return config.contains(key) ? config[key].get<std::string>() : fallback;
  }
  int64_t num(const char* key, int64_t fallback) const { return config.contains(key) ? config[key].get<int64_t>() : fallback; }
  bool flag(const char* key, bool fallback) const { return config.contains(key) ? config[key].get<bool>() : fallback; }
};

struct SecretKeyRef {
  std::string name, key;
};

// The KubeRay release whose collector is deployed: its flags, environment and hooks differ
// (agents/history_collector/collector_releases.h lists what each reads).
enum class CollectorRelease { V1_7, V1_6 };

// Who adds the collector to the pods: raylog-gen (a sidecar it renders), or KubeRay v1.7's
// operator from RayCluster.spec.historyServerOptions (feature gate RayClusterHistoryServer).
enum class CollectorMode { Sidecar, Operator };

// How Ray's dashboard authenticates (RayCluster.spec.authOptions): the collector must too.
enum class RayAuth { None, Token, Kubernetes };

// KubeRay's History Server, the viewer of what the collectors upload.
struct HistoryServerSpec {
  bool enabled = false;
  std::string image, ns;  // ns "" = the spec's namespace
  std::string requestCpu, requestMemory, limitCpu, limitMemory;
  std::string serviceAccountName;
};

// KubeRay History Server collector (DOMAIN §6); absent unless spec.collector is set.
struct CollectorSpec {
  bool enabled = false;
  CollectorRelease release = CollectorRelease::V1_7;
  CollectorMode mode = CollectorMode::Sidecar;
  std::string image;
  std::string requestCpu, requestMemory, limitCpu, limitMemory;
  int64_t eventsPort = 8084;
  std::string rootDir;  // folder inside the bucket ("" = its root)
  StringMap tuning;     // collector environment variables for its intervals and event store
  std::string serviceAccountName;
  bool createServiceAccount = true;
  StringMap serviceAccountAnnotations;  // cloud identity (workload identity, RRSA)
  StringMap podLabels;                  // cloud identity webhooks select pods by label
  std::string backend;  // s3, azureblob, gcs, aliyunoss
  std::string bucket;   // S3/GCS/OSS bucket or Azure container
  std::string s3Region, s3Endpoint;
  bool s3ForcePathStyle = false, s3DisableSsl = false;
  std::optional<SecretKeyRef> s3AccessKeyId, s3SecretAccessKey;
  std::optional<SecretKeyRef> azureConnectionString;
  std::string azureAccountUrl, azureAuthMode;  // account URL with workload identity
  std::optional<SecretKeyRef> gcsCredentials;
  std::string ossRegion, ossEndpoint;
  HistoryServerSpec historyServer;
};

// Node-level agent (strategy daemonset).
struct DaemonSetSpec {
  std::string ns, hostPath, stateHostPath, priorityClassName;
  std::vector<Toleration> tolerations;
  std::string requestCpu, requestMemory, limitCpu, limitMemory;
  int64_t maxUnavailable = 1;
  bool containerInsights = false;  // preset: the AWS Container Insights layout
};

struct EksSpec {
  bool enabled = false;
  std::string clusterName, region, iamMode;  // iamMode: irsa, pod-identity, node-role
  bool createCluster = false;
};

// Google GKE (spec.gke): Workload Identity for the agent's ServiceAccount (gke/gcp_access.h).
struct GkeSpec {
  bool enabled = false;
  std::string project, cluster, location;
  std::string gcpServiceAccount;  // account ID; its email is <id>@<project>.iam.gserviceaccount.com
};

// Azure AKS (spec.aks): Workload Identity for the agent's ServiceAccount (aks/azure_access.h).
struct AksSpec {
  bool enabled = false;
  std::string subscription, resourceGroup, cluster, storageAccount, storageResourceGroup, identityName;
};

struct RayJobSpec {
  std::string entrypoint;
  std::string runtimeEnvYaml;  // "" when unset
  bool shutdownAfterJobFinishes = true;
  int64_t ttlSecondsAfterFinished = 60;
  std::optional<int64_t> activeDeadlineSeconds;
  std::string submissionMode;  // "" when unset
};

struct RayServiceSpec {
  std::string serveConfigV2;  // YAML text, from the spec or the file it names
};

// Ray's own logging settings (spec.ray.logging), written as the environment variables Ray reads
// on every Ray container (ray/ray_logging_settings.h names them and their sources). Unset fields
// write nothing: Ray keeps its own default.
struct RayLoggingSpec {
  std::string encoding;       // "", "JSON" or "TEXT": Python loggers of drivers, tasks, actors
  std::optional<bool> backendJson;  // C++ components (raylet, GCS, core workers)
  std::string serveEncoding;  // "", "JSON" or "TEXT": Ray Serve's logs
  std::optional<int64_t> rotationMaxBytes, rotationBackupCount;
  std::optional<bool> dedup;
  std::string logVolumeSizeLimit;  // spec.ray.logging.disk.sizeLimit; "" = derived (logVolumeLimit)
  bool anyJson() const { return encoding == "JSON" || serveEncoding == "JSON" || backendJson.value_or(false); }
};

struct Spec {
  std::string kind;  // RayCluster, RayJob or RayService
  RayJobSpec rayJob;
  RayServiceSpec rayService;
  std::string name;
  // The Ray object the pieces go into: the spec's own kind and name in render, the object's in
  // inject (a collector names its owner, and KubeRay's token Secret is named after the cluster).
  std::string objectKind, objectName;
  std::optional<std::string> ns;
  StringMap labels, annotations;
  std::string strategy;  // "sidecar"
  std::string rayVersion, rayImage;
  RayAuth rayAuth = RayAuth::None;
  RayLoggingSpec rayLogging;
  RayGroup head;
  std::vector<RayGroup> workerGroups;
  AgentSpec agent;
  CollectorSpec collector;
  DaemonSetSpec daemonset;
  EksSpec eks;
  GkeSpec gke;
  AksSpec aks;
  std::vector<OutputSpec> outputs;
};

}  // namespace raylog
