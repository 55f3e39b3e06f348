#include "spec/spec_loader.h"

#include <set>

#include <algorithm>
#include <boost/filesystem.hpp>

#include "agents/log_agent.h"
#include "agents/outputs/output_backend.h"
#include "util/edit_distance.h"
#include "yaml/json_to_yaml.h"
#include "yaml/yaml_emit.h"
#include "k8s/image_pin.h"
#include "k8s/names.h"
#include "spec/cloud_spec.h"
#include "spec/schema_defaults.h"
#include "spec/spec_schema.h"
#include "util/image_version.h"
#include "yaml/source_file.h"

namespace raylog {

namespace {

bool isSecretKey(const std::string& k) {
  if (k.empty() || k.size() > 253) return false;
  for (char ch : k)
    if (!(std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_' || ch == '.')) return false;
  return true;
}

const char* kApiVersion = "raylog.dev/v1alpha1";
const char* kKind = "RayLogging";

// Values the schema allows as several JSON types but Kubernetes wants as strings.
std::string asString(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_number_float()) {
    std::string s = v.dump();
    return s;
  }
  return v.dump();
}

StringMap stringMapOf(const nlohmann::json& obj) {
  StringMap m;
  for (auto it = obj.begin(); it != obj.end(); ++it) m[it.key()] = asString(it.value());
  return m;
}

std::vector<Toleration> tolerationsOf(const nlohmann::json& arr) {
  std::vector<Toleration> out;
  for (const auto& t : arr) {
    Toleration tol;
    tol.key = t.value("key", "");
    tol.op = t.value("operator", "");
    tol.value = t.value("value", "");
    tol.effect = t.value("effect", "");
    if (t.contains("tolerationSeconds")) tol.tolerationSeconds = t["tolerationSeconds"].get<int64_t>();
    out.push_back(tol);
  }
  return out;
}

RayGroup groupOf(const nlohmann::json& g, bool isHead) {
  RayGroup r;
  r.isHead = isHead;
  r.name = isHead ? "head" : g["name"].get<std::string>();
  r.cpu = asString(g["cpu"]);
  r.memory = asString(g["memory"]);
  r.gpu = g["gpu"].get<int64_t>();
  r.rayStartParams = stringMapOf(g["rayStartParams"]);
  r.nodeSelector = stringMapOf(g["nodeSelector"]);
  r.tolerations = tolerationsOf(g["tolerations"]);
  if (isHead) {
    r.serviceType = g["serviceType"].get<std::string>();
  } else {
    r.replicas = g["replicas"].get<int64_t>();
    r.minReplicas = g.contains("minReplicas") ? g["minReplicas"].get<int64_t>() : r.replicas;
    r.maxReplicas = g.contains("maxReplicas") ? g["maxReplicas"].get<int64_t>() : std::max(r.replicas, r.minReplicas);
  }
  return r;
}

SecretKeyRef secretRef(const nlohmann::json& secret, const char* keyField) {
  return {secret["name"].get<std::string>(), secret[keyField].get<std::string>()};
}

CollectorSpec collectorOf(const nlohmann::json& c, const std::string& specName, const std::string& specNs) {
  CollectorSpec out;
  out.enabled = true;
  out.release = c["release"].get<std::string>() == "v1.6" ? CollectorRelease::V1_6 : CollectorRelease::V1_7;
  out.mode = c["mode"].get<std::string>() == "operator" ? CollectorMode::Operator : CollectorMode::Sidecar;
  out.image = c["image"].get<std::string>();
  const auto& res = c["resources"];
  out.requestCpu = asString(res["requests"].value("cpu", nlohmann::json("50m")));
  out.requestMemory = asString(res["requests"].value("memory", nlohmann::json("64Mi")));
  out.limitCpu = asString(res["limits"].value("cpu", nlohmann::json("200m")));
  out.limitMemory = asString(res["limits"].value("memory", nlohmann::json("256Mi")));
  out.eventsPort = c["eventsPort"].get<int64_t>();
  out.rootDir = c.value("rootDir", out.release == CollectorRelease::V1_6 ? "log" : "");
  if (c.contains("tuning")) {
    // Spec key -> the collector's variable (cmd/collector/main.go); v1.6 takes the push interval as a flag.
    static const std::vector<std::pair<const char*, const char*>> vars = {
        {"pushInterval", "PUSH_INTERVAL"}, {"pollInterval", "RAY_COLLECTOR_POLL_INTERVAL"},
        {"eventMaxDiskMB", "RAY_COLLECTOR_EVENT_MAX_DISK_MB"}, {"eventMaxFileSizeMB", "RAY_COLLECTOR_EVENT_MAX_FILE_SIZE_MB"},
        {"eventRotationInterval", "RAY_COLLECTOR_EVENT_ROTATION_INTERVAL"},
        {"eventCompression", "RAY_COLLECTOR_EVENT_COMPRESSION_ENABLED"}};
    for (const auto& [key, var] : vars)
      if (c["tuning"].contains(key)) out.tuning[var] = asString(c["tuning"][key]);
  }
  const auto& sa = c["serviceAccount"];
  out.serviceAccountName = sa.contains("name") ? sa["name"].get<std::string>() : specName + "-collector";
  out.createServiceAccount = sa["create"].get<bool>();
  const auto& st = c["storage"];
  if (st.contains("s3")) {
    const auto& s3 = st["s3"];
    out.backend = "s3";
    out.bucket = s3["bucket"].get<std::string>();
    out.s3Region = s3["region"].get<std::string>();
    out.s3Endpoint = s3.value("endpoint", "");
    out.s3ForcePathStyle = s3["forcePathStyle"].get<bool>();
    out.s3DisableSsl = s3["disableSSL"].get<bool>();
    if (s3.contains("credentialsSecret")) {
      out.s3AccessKeyId = secretRef(s3["credentialsSecret"], "accessKeyIdKey");
      out.s3SecretAccessKey = secretRef(s3["credentialsSecret"], "secretAccessKeyKey");
    }
  } else if (st.contains("azureblob")) {
    const auto& az = st["azureblob"];
    out.backend = "azureblob";
    out.bucket = az["container"].get<std::string>();
    if (az.contains("connectionStringSecret")) {
      out.azureConnectionString = secretRef(az["connectionStringSecret"], "key");
      out.azureAuthMode = "connection_string";
    }
    if (az.contains("accountURL")) out.azureAccountUrl = az["accountURL"].get<std::string>();
    if (az.contains("workloadIdentity")) {
      // Azure Workload Identity: its webhook mutates labelled pods whose ServiceAccount names
      // the identity (azure.github.io/azure-workload-identity, "Quick start").
      out.azureAuthMode = "workload_identity";
      out.podLabels["azure.workload.identity/use"] = "true";
      out.serviceAccountAnnotations["azure.workload.identity/client-id"] = az["workloadIdentity"]["clientId"].get<std::string>();
    }
  } else if (st.contains("gcs")) {
    const auto& gcs = st["gcs"];
    out.backend = "gcs";
    out.bucket = gcs["bucket"].get<std::string>();
    if (gcs.contains("credentialsSecret")) out.gcsCredentials = secretRef(gcs["credentialsSecret"], "key");
    if (gcs.contains("workloadIdentity"))  // GKE Workload Identity binds the Kubernetes SA to a Google SA
      out.serviceAccountAnnotations["iam.gke.io/gcp-service-account"] =
          gcs["workloadIdentity"]["gcpServiceAccount"].get<std::string>();
  } else if (st.contains("aliyunoss")) {
    const auto& oss = st["aliyunoss"];
    out.backend = "aliyunoss";
    out.bucket = oss["bucket"].get<std::string>();
    out.ossEndpoint = oss["endpoint"].get<std::string>();
    out.ossRegion = oss["region"].get<std::string>();
    // RRSA: ack-pod-identity-webhook injects ALIBABA_CLOUD_* into labelled pods whose
    // ServiceAccount names a RAM role (kuberay historyserver/config/raycluster-aliyunoss.yaml).
    out.podLabels["pod-identity.alibabacloud.com/injection"] = "on";
    out.serviceAccountAnnotations["pod-identity.alibabacloud.com/role-name"] = oss["roleName"].get<std::string>();
  }
  if (c.contains("historyServer")) {
    const auto& h = c["historyServer"];
    HistoryServerSpec& hs = out.historyServer;
    hs.enabled = true;
    hs.image = h["image"].get<std::string>();
    hs.ns = h.value("namespace", specNs);
    hs.requestCpu = asString(h["resources"]["requests"].value("cpu", nlohmann::json("500m")));
    hs.requestMemory = asString(h["resources"]["requests"].value("memory", nlohmann::json("2Gi")));
    hs.limitCpu = asString(h["resources"]["limits"].value("cpu", nlohmann::json("2")));
    hs.limitMemory = asString(h["resources"]["limits"].value("memory", nlohmann::json("12Gi")));
    hs.serviceAccountName = specName + "-historyserver";
  }
  return out;
}

// Friendlier than the schema's enum error for the commonest mistake: feeding render a manifest.
void checkHeader(const JsonDocument& doc, const std::string& file) {
  const auto& v = doc.value;
  std::string kind = v.contains("kind") && v["kind"].is_string() ? v["kind"].get<std::string>() : "";
  if (!kind.empty() && kind != kKind) {
    std::string hint = (kind == "RayCluster" || kind == "RayJob" || kind == "RayService")
                           ? "; this looks like a KubeRay manifest: render takes a RayLogging spec (see examples/)"
                           : "; render takes a RayLogging spec (see `raylog-gen schema`)";
    throw InputError(Diagnostic{locate(doc.marks, "/kind", file), "kind is '" + kind + "', expected '" + kKind + "'" + hint});
  }
  std::string api = v.contains("apiVersion") && v["apiVersion"].is_string() ? v["apiVersion"].get<std::string>() : "";
  if (!api.empty() && api != kApiVersion)
    throw InputError(Diagnostic{locate(doc.marks, "/apiVersion", file),
                                "apiVersion is '" + api + "', expected '" + kApiVersion + "'"});
}

// A credential written into the spec would land in a ConfigMap: say so instead of the generic
// unknown-key message, and say what to write instead. The keys are taken out of `doc`, so the
// rest of the spec is still checked and every problem is reported at once.
std::vector<Diagnostic> takeInlineSecrets(JsonDocument& doc, const std::string& file) {
  static const std::map<std::string, std::string> inlineKeys = {
      {"password", "passwordSecret"}, {"passwd", "passwordSecret"}, {"sharedKey", "sharedKeySecret"},
      {"accountKey", "sharedKeySecret"}, {"key", "sharedKeySecret"}, {"token", "passwordSecret"},
      {"apiKey", "apiKeySecret"},                  {"api_key", "apiKeySecret"},   {"apikey", "apiKeySecret"},
      {"secretAccessKey", "an IAM role (IRSA) instead"}, {"accessKeyId", "an IAM role (IRSA) instead"}};
  std::vector<Diagnostic> out;
  if (!doc.value.is_object() || !doc.value.contains("spec") || !doc.value["spec"].is_object()) return out;
  nlohmann::json& spec = doc.value["spec"];
  auto scan = [&](nlohmann::json& o, const std::string& pointer) {
    if (!o.is_object()) return;
    std::vector<std::string> taken;
    for (auto it = o.begin(); it != o.end(); ++it) {
      auto hit = inlineKeys.find(it.key());
      if (hit == inlineKeys.end() || !it.value().is_string()) continue;
      // The output type's own Secret key when it has one (splunk: token -> tokenSecret).
      std::string secretKey = hit->second;
      const OutputBackend* backend =
          o.contains("type") && o["type"].is_string() ? findOutputBackend(o["type"].get<std::string>()) : nullptr;
      if (backend) {
        const std::string own = (it.key() == "apikey" || it.key() == "api_key" ? "apiKey" : it.key()) + "Secret";
        if (std::find(backend->keys.begin(), backend->keys.end(), own) != backend->keys.end()) secretKey = own;
      }
      const std::string use = secretKey.find(' ') == std::string::npos
                                  ? secretKey + ": {name: <secret>, key: <key>}" : secretKey;
      out.push_back({locate(doc.marks, jsonPointerAppend(pointer, it.key()), file, true),
                     "'" + it.key() + "' would put a credential into the agent's ConfigMap, readable by anyone who "
                     "can read ConfigMaps; keep it in a Kubernetes Secret and use " + use});
      taken.push_back(it.key());
    }
    for (const std::string& key : taken) o.erase(key);
  };
  if (spec.contains("output")) scan(spec["output"], "/spec/output");
  if (spec.contains("outputs") && spec["outputs"].is_array())
    for (size_t i = 0; i < spec["outputs"].size(); ++i) scan(spec["outputs"][i], "/spec/outputs/" + std::to_string(i));
  return out;
}

RayLoggingSpec rayLoggingOf(const nlohmann::json& ray) {
  RayLoggingSpec l;
  if (!ray.contains("logging")) return l;
  const nlohmann::json& g = ray["logging"];
  l.encoding = g.value("encoding", "");
  if (g.contains("backendJson")) l.backendJson = g["backendJson"].get<bool>();
  l.serveEncoding = g.value("serveEncoding", "");
  if (g.contains("rotation")) {
    const nlohmann::json& r = g["rotation"];
    if (r.contains("maxBytes")) l.rotationMaxBytes = r["maxBytes"].get<int64_t>();
    if (r.contains("backupCount")) l.rotationBackupCount = r["backupCount"].get<int64_t>();
  }
  if (g.contains("dedup")) l.dedup = g["dedup"].get<bool>();
  if (g.contains("disk") && g["disk"].contains("sizeLimit")) l.logVolumeSizeLimit = asString(g["disk"]["sizeLimit"]);
  return l;
}

class SemanticChecks : public SpecReport {
 public:
  SemanticChecks(const JsonDocument& doc, const std::string& file) : doc_(doc), file_(file) {}

  void run(const Spec& s) {
    checkRayAuth(s);
    checkMetadataMaps("/metadata/labels", s.labels, true);
    checkMetadataMaps("/metadata/annotations", s.annotations, false);
    if (s.labels.count("app.kubernetes.io/managed-by"))
      error("/metadata/labels/app.kubernetes.io~1managed-by", true,
            "label 'app.kubernetes.io/managed-by' is set by raylog-gen (to raylog-gen); remove it");

    checkImage("/spec/ray/image", s.rayImage, "Ray image");
    checkImage("/spec/agent/image", s.agent.image, "agent image");

    checkGroup("/spec/head", s.head);
    std::map<std::string, size_t> seen;
    for (size_t i = 0; i < s.workerGroups.size(); ++i) {
      const RayGroup& g = s.workerGroups[i];
      const std::string p = "/spec/workerGroups/" + std::to_string(i);
      auto [it, fresh] = seen.emplace(g.name, i);
      if (!fresh)
        error(p + "/name", false,
              "worker group name '" + g.name + "' is already used by workerGroups[" + std::to_string(it->second) +
                  "]; group names must be unique");
      if (g.minReplicas > g.replicas)
        error(p + "/minReplicas", false,
              "minReplicas (" + std::to_string(g.minReplicas) + ") is greater than replicas (" +
                  std::to_string(g.replicas) + "); lower minReplicas or raise replicas");
      if (g.replicas > g.maxReplicas)
        error(p + "/maxReplicas", false,
              "maxReplicas (" + std::to_string(g.maxReplicas) + ") is less than replicas (" + std::to_string(g.replicas) +
                  "); raise maxReplicas or lower replicas");
      checkGroup(p, g);
    }

    const std::string& pk = s.agent.pathKey;
    static const std::set<std::string> booleanWords = {"true", "false", "on", "off", "yes", "no", "True", "False",
                                                       "On", "Off", "Yes", "No", "TRUE", "FALSE", "ON", "OFF"};
    if (booleanWords.count(pk))
      error("/spec/agent/pathKey", false,
            "pathKey '" + pk + "' is the name of the record key that holds the file path, not a switch; "
            "'" + pk + "' would store the path under a key called \"" + pk + "\"; use e.g. 'file'");
    checkAgentValue(s, "/spec/agent/pathKey", pk);
  }

  // spec.ray.logging: a text-only agent on JSON records, or a disk bound with no log emptyDir,
  // would silently do nothing useful.
  void checkRayLogging(const nlohmann::json& given, const Spec& s) {
    const RayLoggingSpec& l = s.rayLogging;
    const bool textGiven = given.contains("agent") && given["agent"].contains("logFormat") && s.agent.logFormat == "text";
    if (textGiven && l.anyJson() && s.strategy != "stderr" && s.agent.type != "history-collector")
      error("/spec/agent/logFormat", true,
            "logFormat text parses only Ray's text lines, but spec.ray.logging turns on a JSON encoding; remove "
            "logFormat (JSON encodings make it json: JSON-or-text, nothing dropped) or set it to json");
    if (!l.logVolumeSizeLimit.empty() && s.strategy != "sidecar")
      error("/spec/ray/logging/disk/sizeLimit", true,
            "disk.sizeLimit bounds the pod's shared log emptyDir, which strategy " + s.strategy +
                " does not use; remove it");
  }

  // Each agent checks what the spec asks of it; an image of another agent would not run this one's config.
  void checkAgents(const nlohmann::json& given, const Spec& s) {
    if (s.strategy == "stderr") return;  // no agent runs; checkStrategy says so
    // A setting that would silently do nothing is an error, as elsewhere in the spec.
    if (given.contains("agent") && given["agent"].contains("bufferLimit") && s.agent.buffer == "memory")
      error("/spec/agent/bufferLimit", true,
            "'bufferLimit' caps the filesystem buffer and does nothing with buffer: memory; remove it, or set "
            "buffer: filesystem");
    checkAgentValue(s, "/spec/agent/bufferLimit", s.agent.bufferLimit);
    for (const LogAgent& a : logAgents())
      if (a.runsFor(s) || a.type == s.agent.type) a.checkSpec(given, s, *this);
    const LogAgent* chosen = findLogAgent(s.agent.type);
    const std::string& image = s.agent.image;
    if (!chosen || !chosen->tailsFiles || !(given.contains("agent") && given["agent"].contains("image"))) return;
    if (chosen->imageIsOurs(image)) return;
    for (const LogAgent& other : logAgents())
      if (other.tailsFiles && &other != chosen && other.imageIsOurs(image)) {
        error("/spec/agent/image", false, "image '" + image + "' is a " + other.product + " image, but agent type is " +
                                              chosen->type + "; set agent.type: " + other.type + ", or use a " +
                                              chosen->product + " image (default " + chosen->defaults.image + ")");
        return;
      }
  }

  // Each output may use only its backend's keys; every value that reaches the config passes the gate.
  void checkOutputs(const nlohmann::json& given, const Spec& s) {
    const std::string base = given.contains("outputs") ? "/spec/outputs/" : "/spec/output";
    int awsKeyPairs = 0;
    for (const OutputSpec& o : s.outputs) {
      const std::string pointer = given.contains("outputs") ? base + std::to_string(o.index) : base;
      const OutputBackend* backend = findOutputBackend(o.type);
      if (!backend) continue;  // the schema's enum already said so
      for (auto it = o.config.begin(); it != o.config.end(); ++it) {
        if (it.key() == "type") continue;
        if (std::find(backend->keys.begin(), backend->keys.end(), it.key()) == backend->keys.end()) {
          error(jsonPointerAppend(pointer, it.key()), true,
                "'" + it.key() + "' is not an option of output type " + o.type + didYouMean(it.key(), backend->keys) +
                    "; its options: " + (backend->keys.empty() ? std::string("none") : joinKeys(backend->keys)));
          continue;
        }
        if (it.value().is_string()) checkAgentValue(s, jsonPointerAppend(pointer, it.key()), it.value().get<std::string>());
        // Maps of names to values (loki labels, http headers, datadog tags): both reach the config.
        if (it.value().is_object())
          for (auto m = it.value().begin(); m != it.value().end(); ++m) {
            const std::string at = jsonPointerAppend(jsonPointerAppend(pointer, it.key()), m.key());
            checkAgentValue(s, at, m.key());
            if (m.value().is_string()) checkAgentValue(s, at, m.value().get<std::string>());
          }
      }
      for (const std::string& required : backend->requiredKeys)
        if (!o.config.contains(required))
          error(pointer, true, "output type " + o.type + " needs '" + required + "'");
      if (!backend->minFluentBit.empty() && s.agent.type == "fluent-bit" &&
          imageOlderThan(s.agent.image, backend->minFluentBit))
        error(jsonPointerAppend(pointer, "type"), false,
              "output type " + o.type + " needs Fluent Bit " + versionText(backend->minFluentBit) +
                  " or later (its plugin is not in older releases), but agent.image is " + s.agent.image +
                  "; use fluent/fluent-bit:" + versionText(backend->minFluentBit) + " or later");
      if (o.has("credentialsSecret") && ++awsKeyPairs > 1)
        error(jsonPointerAppend(pointer, "credentialsSecret"), true,
              "only one output can take credentialsSecret (they share AWS_ACCESS_KEY_ID); use one, or IAM roles");
      if (o.has("index") && o.has("logstashPrefix"))
        error(jsonPointerAppend(pointer, "index"), true, "set index or logstashPrefix, not both");
    }
  }

  static std::string joinKeys(const std::vector<std::string>& keys) {
    std::string out;
    for (const std::string& k : keys) out += (out.empty() ? "" : ", ") + k;
    return out;
  }

  void checkEks(const nlohmann::json& given, const Spec& s) {
    if (s.daemonset.containerInsights && !s.eks.enabled)
      error("/spec/daemonset/preset", false, "the container-insights preset needs spec.eks (clusterName and region)");
    if (!s.eks.enabled) return;
    bool aws = false;
    for (const OutputSpec& o : s.outputs) aws = aws || o.type == "cloudwatch" || o.type == "s3" || o.type == "kinesis_firehose";
    aws = aws || (s.collector.enabled && s.collector.backend == "s3" && s.collector.s3Endpoint.empty());
    if (!aws)
      error("/spec/eks", true, "spec.eks sets up IAM for AWS outputs, but no output is cloudwatch, s3 or kinesis_firehose and no collector "
                               "stores to AWS S3; add one or remove eks");
    for (const OutputSpec& o : s.outputs)
      if (o.type == "cloudwatch" && o.has("region") && o.str("region") != s.eks.region)
        error("/spec/eks/region", false, "the cloudwatch output's region " + o.str("region") + " differs from eks.region " +
                                             s.eks.region + "; the script and the IAM policy use one region");
    (void)given;
  }

  // stderr means Ray writes no files: nothing may tail them, and nothing is shipped by us.
  void checkStrategy(const nlohmann::json& given, const Spec& s) {
    if (given.contains("daemonset") && s.strategy != "daemonset")
      error("/spec/daemonset", true, "daemonset only applies to strategy daemonset; set strategy: daemonset or remove it");
    const LogAgent* chosen = findLogAgent(s.agent.type);
    if (s.strategy == "daemonset") {
      if (given.contains("agent") && given["agent"].contains("sidecarMode"))
        error("/spec/agent/sidecarMode", true, "sidecarMode does not apply to strategy daemonset (no sidecar); remove it");
      if (chosen && !chosen->daemonSetObjects)
        error("/spec/agent/type", false,
              "strategy daemonset runs the " + agentTypes([](const LogAgent& a) { return a.daemonSetObjects != nullptr; }) +
                  " agent");
      if (s.daemonset.hostPath == s.daemonset.stateHostPath)
        error("/spec/daemonset/stateHostPath", false, "stateHostPath must differ from hostPath (Ray pods write there)");
    }
    if (s.strategy == "stderr") {
      const char* why = "with strategy stderr Ray writes no log files, so a file-tailing agent next to it collects nothing; ";
      if (given.contains("agent")) error("/spec/agent", true, std::string(why) + "remove spec.agent, or use strategy sidecar");
      if (given.contains("collector"))
        error("/spec/collector", true, std::string(why) + "remove spec.collector, or use strategy sidecar");
      for (const char* key : {"output", "outputs"})
        if (given.contains(key))
          error(std::string("/spec/") + key, true, std::string("with strategy stderr raylog-gen ships nothing itself (a node-level "
                                                   "collector of container output does); remove spec.") + key +
                                                   ", or use strategy sidecar");
    } else if (chosen && !chosen->shipsOutputs) {
      // The agent's own checks say what it does instead.
    } else if (given.contains("output") && given.contains("outputs")) {
      error("/spec/output", true, "set either output (one destination) or outputs (a list), not both");
    } else if (!given.contains("output") && !given.contains("outputs")) {
      error("/spec", true, "missing required key 'output' in spec; add it, or a list under outputs (see `raylog-gen schema`)");
    }
  }

  void checkCollector(const nlohmann::json& sp, const CollectorSpec& c) {
    if (!c.enabled) return;
    const auto& storage = sp["collector"]["storage"];
    if (storage.size() != 1)
      error("/spec/collector/storage", true,
            "collector.storage needs exactly one of s3, azureblob, gcs and aliyunoss (found " + std::to_string(storage.size()) + ")");
    checkImage("/spec/collector/image", c.image, "collector image");
    for (const std::optional<SecretKeyRef>* ref : {&c.s3AccessKeyId, &c.s3SecretAccessKey, &c.azureConnectionString, &c.gcsCredentials})
      if (*ref && !isSecretKey((*ref)->key))
        error("/spec/collector/storage", true, "secret key '" + (*ref)->key + "' is not a valid key: letters, digits, '-', '_' and '.'");
  }

  // kind-specific fields: present exactly when the kind uses them; the Serve config read and
  // checked to be YAML.
  void loadRayKind(const nlohmann::json& sp, const std::string& file, Spec& s) {
    for (const auto& [field, kind] : {std::pair<const char*, const char*>{"rayJob", "RayJob"}, {"rayService", "RayService"}}) {
      if (sp.contains(field) && s.kind != kind)
        error(std::string("/spec/") + field, true,
              std::string(field) + " only applies to kind " + kind + "; set kind: " + kind + " or remove " + field);
      if (!sp.contains(field) && s.kind == kind)
        error("/spec/kind", false, std::string("kind ") + kind + " needs spec." + field +
                                       (s.kind == "RayJob" ? " with an entrypoint" : " with serveConfigV2 or serveConfigV2File"));
    }
    if (s.kind == "RayJob" && sp.contains("rayJob")) {
      const auto& j = sp["rayJob"];
      s.rayJob.entrypoint = j["entrypoint"].get<std::string>();
      s.rayJob.shutdownAfterJobFinishes = j["shutdownAfterJobFinishes"].get<bool>();
      s.rayJob.ttlSecondsAfterFinished = j["ttlSecondsAfterFinished"].get<int64_t>();
      if (j.contains("activeDeadlineSeconds")) s.rayJob.activeDeadlineSeconds = j["activeDeadlineSeconds"].get<int64_t>();
      if (j.contains("submissionMode")) s.rayJob.submissionMode = j["submissionMode"].get<std::string>();
      if (j.contains("runtimeEnv")) s.rayJob.runtimeEnvYaml = emitDocument(jsonToYaml(j["runtimeEnv"]));
    }
    if (s.kind == "RayService" && sp.contains("rayService")) {
      const auto& r = sp["rayService"];
      const bool inlineConfig = r.contains("serveConfigV2"), fromFile = r.contains("serveConfigV2File");
      if (inlineConfig == fromFile) {
        error("/spec/rayService", true, "set exactly one of serveConfigV2 (inline) and serveConfigV2File");
        return;
      }
      const std::string pointer = inlineConfig ? "/spec/rayService/serveConfigV2" : "/spec/rayService/serveConfigV2File";
      std::string text;
      if (inlineConfig) {
        text = r["serveConfigV2"].get<std::string>();
      } else {
        const std::string rel = r["serveConfigV2File"].get<std::string>();
        boost::filesystem::path base = boost::filesystem::path(file).parent_path();
        if (base.empty() || !boost::filesystem::is_directory(base)) base = ".";
        const std::string path = boost::filesystem::path(rel).is_absolute() ? rel : (base / rel).string();
        try {
          text = readInputFile(path);
        } catch (const InputError& e) {
          error(pointer, false, "serveConfigV2File: " + e.diagnostics()[0].format() + " (the path is relative to the spec)");
          return;
        }
      }
      try {
        YAML::Node serve = YAML::Load(text);
        if (!serve.IsMap()) throw YAML::Exception(YAML::Mark::null_mark(), "expected a mapping with applications");
      } catch (const YAML::Exception& e) {
        error(pointer, false, "the Serve config is not valid YAML" +
                                  (e.mark.is_null() ? "" : " (its line " + std::to_string(e.mark.line + 1) + ")") + ": " + e.msg);
        return;
      }
      s.rayService.serveConfigV2 = text;
    }
  }

  const std::vector<Diagnostic>& diagnostics() const { return out_; }

 private:
  // KubeRay's validation of authOptions (ray-operator/controllers/ray/utils/validation.go 284-313
  // @v1.7.0): token needs Ray 2.52.0, Kubernetes tokens Ray 2.55.0 and a RayCluster.
  void checkRayAuth(const Spec& s) {
    if (s.rayAuth == RayAuth::None) return;
    const bool k8s = s.rayAuth == RayAuth::Kubernetes;
    const std::string min = k8s ? "2.55.0" : "2.52.0";
    if (imageVersion(":" + s.rayVersion) < imageVersion(":" + min))
      error("/spec/ray/auth", false, std::string("ray.auth ") + (k8s ? "kubernetes" : "token") + " needs Ray " + min +
                                         " or later (KubeRay refuses it otherwise), but ray.version is " + s.rayVersion +
                                         "; raise spec.ray.version");
    if (k8s && s.kind != "RayCluster")
      error("/spec/ray/auth", false, "KubeRay accepts ray.auth kubernetes (enableK8sTokenAuth) only on a RayCluster, not a " +
                                         s.kind + "; use ray.auth token");
  }

  void error(const std::string& pointer, bool atKey, const std::string& message) override {
    out_.push_back({locate(doc_.marks, pointer, file_, atKey), message});
  }

  void checkMetadataMaps(const std::string& pointer, const StringMap& m, bool labels) {
    for (const auto& [k, v] : m) {
      const std::string p = jsonPointerAppend(pointer, k);
      if (!isQualifiedName(k))
        error(p, true, "'" + k + "' is not a valid " + std::string(labels ? "label" : "annotation") +
                           " key: [prefix/]name, name at most 63 letters, digits, '-', '_' or '.'");
      if (labels && !isLabelValue(v))
        error(p, false, "label value '" + v + "' is not valid: at most 63 letters, digits, '-', '_' or '.', "
                        "starting and ending with a letter or digit");
    }
  }

  void checkImage(const std::string& pointer, const std::string& image, const std::string& what) {
    if (const auto problem = imagePinProblem(image))
      error(pointer, false,
            what + " '" + image + "' is not pinned: it " + *problem +
                "; use a release tag such as :5.1.1 (not latest, edge or a release line such as :5.1) or a digest");
    for (unsigned char c : image)
      if (c <= ' ' || c == 0x7f) {
        error(pointer, false, what + " contains blanks or control characters");
        break;
      }
  }

  void checkGroup(const std::string& pointer, const RayGroup& g) {
    // These ray start options move or hide the files the agent tails.
    for (const char* moved : {"temp-dir", "log-dir"})
      if (g.rayStartParams.count(moved))
        error(pointer + "/rayStartParams/" + moved, true,
              std::string("rayStartParams '") + moved +
                  "' moves Ray's logs out of /tmp/ray, where the log agent reads them; remove it");
    for (const auto& [k, v] : g.nodeSelector)
      if (!isQualifiedName(k))
        error(jsonPointerAppend(pointer + "/nodeSelector", k), true, "'" + k + "' is not a valid node label key");
  }

  // The gate of the config file the value goes into.
  void checkAgentValue(const Spec& s, const std::string& pointer, const std::string& v) {
    const LogAgent* a = configAgentFor(s);
    if (!a) return;
    if (auto problem = a->valueProblem(v))
      error(pointer, false, "'" + lastPointerToken(pointer) + "' " + *problem + "; it goes into the " + a->product + " config");
  }

  const JsonDocument& doc_;
  std::string file_;
  std::vector<Diagnostic> out_;
};

}  // namespace

const JsonSchema& specSchema() {
  static const JsonSchema schema(nlohmann::json::parse(specSchemaText()));
  return schema;
}

Spec loadSpecText(const std::string& text, const std::string& file) {
  std::vector<ParsedDocument> docs;
  for (ParsedDocument& d : parseYamlStream(text, file))
    if (!d.root.IsNull()) docs.push_back(d);  // a stray "---" is not a second spec
  if (docs.empty())
    throw InputError(Diagnostic{{file, 1, 1}, "file is empty; expected a RayLogging spec (see examples/ or `raylog-gen schema`)"});
  if (docs.size() > 1)
    throw InputError(Diagnostic{docs[1].start, "found a second YAML document; a spec file holds exactly one RayLogging "
                                               "document, so split the others into their own files"});
  return loadSpecNode(docs[0].root, file);
}

Spec loadSpecNode(const YAML::Node& root, const std::string& file) {
  if (!root.IsMap())
    throw InputError(Diagnostic{locationOf(root.Mark(), file), "expected a mapping with apiVersion, kind, metadata and spec"});

  JsonDocument doc = yamlToJson(root, file);
  checkHeader(doc, file);
  const std::vector<Diagnostic> inlineSecrets = takeInlineSecrets(doc, file);
  std::vector<Diagnostic> problems = specSchema().validate(doc, file);
  problems.insert(problems.end(), inlineSecrets.begin(), inlineSecrets.end());
  if (problems.size() > inlineSecrets.size()) throw InputError(problems);  // the checks below need a valid schema

  nlohmann::json v = doc.value;
  applySchemaDefaults(v, specSchema());

  Spec s;
  const auto& md = v["metadata"];
  s.name = md["name"].get<std::string>();
  if (md.contains("namespace")) s.ns = md["namespace"].get<std::string>();
  if (md.contains("labels")) s.labels = stringMapOf(md["labels"]);
  if (md.contains("annotations")) s.annotations = stringMapOf(md["annotations"]);

  const auto& sp = v["spec"];
  s.strategy = sp["strategy"].get<std::string>();
  s.rayVersion = sp["ray"]["version"].get<std::string>();
  s.rayImage = sp["ray"].contains("image") ? sp["ray"]["image"].get<std::string>() : "rayproject/ray:" + s.rayVersion;
  const std::string auth = sp["ray"]["auth"].get<std::string>();
  s.rayAuth = auth == "token" ? RayAuth::Token : auth == "kubernetes" ? RayAuth::Kubernetes : RayAuth::None;
  s.head = groupOf(sp["head"], true);
  for (const auto& g : sp["workerGroups"]) s.workerGroups.push_back(groupOf(g, false));

  const auto& a = sp["agent"];
  s.agent.type = a["type"].get<std::string>();
  s.agent.image = a["image"].get<std::string>();
  s.kind = sp["kind"].get<std::string>();
  s.objectKind = s.kind;
  s.objectName = s.name;
  const std::string mode = a.contains("sidecarMode") ? a["sidecarMode"].get<std::string>()
                           : s.kind == "RayJob"      ? "native"  // a finished job's cluster is torn down at once
                                                     : "classic";
  s.agent.sidecarMode = mode == "native" ? SidecarMode::Native : SidecarMode::Classic;
  s.agent.sidecarModeGiven = a.contains("sidecarMode");
  // The schema's defaults are the default agent's; each agent has its own image, resources and flush.
  const LogAgent* agent = findLogAgent(s.agent.type);
  const AgentDefaults defaults = agent && !agent->defaults.image.empty() ? agent->defaults : logAgents().front().defaults;
  const nlohmann::json none = nlohmann::json::object();
  const nlohmann::json& givenAgent = doc.value["spec"].contains("agent") ? doc.value["spec"]["agent"] : none;
  if (!givenAgent.contains("image")) s.agent.image = defaults.image;
  const nlohmann::json& res = givenAgent.contains("resources") ? givenAgent["resources"] : none;
  const nlohmann::json& req = res.contains("requests") ? res["requests"] : none;
  const nlohmann::json& lim = res.contains("limits") ? res["limits"] : none;
  s.agent.requestCpu = asString(req.value("cpu", nlohmann::json(defaults.requestCpu)));
  s.agent.requestMemory = asString(req.value("memory", nlohmann::json(defaults.requestMemory)));
  s.agent.limitCpu = asString(lim.value("cpu", nlohmann::json(defaults.limitCpu)));
  s.agent.limitMemory = asString(lim.value("memory", nlohmann::json(defaults.limitMemory)));
  s.agent.refreshIntervalSeconds = a["refreshIntervalSeconds"].get<int64_t>();
  s.agent.memBufLimit = a["memBufLimit"].get<std::string>();
  s.agent.flushSeconds = givenAgent.contains("flushSeconds") ? a["flushSeconds"].get<int64_t>() : defaults.flushSeconds;
  s.agent.graceSeconds = a["graceSeconds"].get<int64_t>();
  s.agent.configFormat = a["configFormat"].get<std::string>();
  s.agent.buffer = a["buffer"].get<std::string>();
  s.agent.bufferLimit = a["bufferLimit"].get<std::string>();
  s.agent.pathKey = a["pathKey"].get<std::string>();
  s.agent.logLevel = a["logLevel"].get<std::string>();
  s.rayLogging = rayLoggingOf(sp["ray"]);
  // Ray's JSON encodings make the agent parse JSON-or-text unless the spec says otherwise
  // (checkRayLogging refuses text with a JSON encoding); old specs' logFormat keeps working.
  s.agent.logFormat = a.contains("logFormat") ? a["logFormat"].get<std::string>()
                      : s.rayLogging.anyJson() ? "json"
                                               : "text";

  const nlohmann::json outputs = sp.contains("outputs") ? sp["outputs"]
                                 : sp.contains("output") ? nlohmann::json::array({sp["output"]})
                                                         : nlohmann::json::array();
  for (size_t i = 0; i < outputs.size(); ++i)
    s.outputs.push_back({outputs[i]["type"].get<std::string>(), i, outputs[i]});
  // With spec.eks, CloudWatch, S3 and Firehose outputs default to the cluster's region; the Container
  // Insights preset also names the log group as that recipe does.
  if (sp.contains("eks"))
    for (OutputSpec& o : s.outputs) {
      if ((o.type == "cloudwatch" || o.type == "s3" || o.type == "kinesis_firehose") && !o.has("region"))
        o.config["region"] = sp["eks"]["region"];
      if (o.type == "cloudwatch" && !o.has("logGroup") && sp["daemonset"]["preset"] == "container-insights")
        o.config["logGroup"] = "/aws/containerinsights/" + sp["eks"]["clusterName"].get<std::string>() + "/application";
    }

  if (sp.contains("collector")) s.collector = collectorOf(sp["collector"], s.name, s.ns.value_or(""));
  {
    const auto& d = sp["daemonset"];
    s.daemonset.ns = d["namespace"].get<std::string>();
    s.daemonset.hostPath = d["hostPath"].get<std::string>();
    s.daemonset.stateHostPath = d["stateHostPath"].get<std::string>();
    s.daemonset.priorityClassName = d["priorityClassName"].get<std::string>();
    s.daemonset.tolerations = tolerationsOf(d["tolerations"]);
    s.daemonset.requestCpu = asString(d["resources"]["requests"].value("cpu", nlohmann::json("100m")));
    s.daemonset.requestMemory = asString(d["resources"]["requests"].value("memory", nlohmann::json("128Mi")));
    s.daemonset.limitCpu = asString(d["resources"]["limits"].value("cpu", nlohmann::json("500m")));
    s.daemonset.limitMemory = asString(d["resources"]["limits"].value("memory", nlohmann::json("512Mi")));
    s.daemonset.maxUnavailable = d["maxUnavailable"].get<int64_t>();
    s.daemonset.containerInsights = d["preset"].get<std::string>() == "container-insights";
    if (s.daemonset.containerInsights && !(doc.value["spec"].contains("daemonset") && doc.value["spec"]["daemonset"].contains("namespace")))
      s.daemonset.ns = "amazon-cloudwatch";
  }
  if (sp.contains("eks")) {
    const auto& e = sp["eks"];
    s.eks = {true, e["clusterName"].get<std::string>(), e["region"].get<std::string>(), e["iamMode"].get<std::string>(),
             e["createCluster"].get<bool>()};
  }

  loadCloudSpecs(sp, s);

  SemanticChecks checks(doc, file);
  checks.run(s);
  checks.checkRayLogging(doc.value["spec"], s);
  checks.checkCollector(sp, s.collector);
  checks.checkStrategy(doc.value["spec"], s);
  checks.checkOutputs(doc.value["spec"], s);
  checks.checkAgents(doc.value["spec"], s);
  checks.checkEks(doc.value["spec"], s);
  checkCloudSpecs(doc.value["spec"], s, checks);
  checks.loadRayKind(sp, file, s);
  problems.insert(problems.end(), checks.diagnostics().begin(), checks.diagnostics().end());
  if (!problems.empty()) throw InputError(problems);
  return s;
}

Spec loadSpecFile(const std::string& path) { return loadSpecText(readInputFile(path), displayName(path)); }

}  // namespace raylog
