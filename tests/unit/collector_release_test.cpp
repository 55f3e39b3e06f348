// Every rendered collector against what its release reads (agents/history_collector/
// collector_releases.cpp, from KubeRay's source at the tag): for each release x backend x kind x
// mode, the collector sets everything the release requires and nothing it does not read; the
// operator's collectorOptions carry nothing the operator refuses; the History Server likewise.
#include <catch2/catch.hpp>

#include <regex>
#include <set>

#include "agents/history_collector/collector_names.h"
#include "agents/history_collector/collector_releases.h"
#include "inject/inject.h"
#include "k8s/manifests.h"
#include "k8s/ray_object.h"
#include "render/render.h"
#include "test_helpers.h"

using namespace raylog;

namespace {

const std::map<std::string, std::string> kStorage = {
    {"s3", "s3: {bucket: ray-history, region: test, endpoint: minio:9000, forcePathStyle: true, credentialsSecret: {name: keys}}"},
    {"azureblob", "azureblob: {connectionStringSecret: {name: az}}"},
    {"azureblob-wi", "azureblob: {accountURL: \"https://acct.blob.core.windows.net/\", workloadIdentity: {clientId: 00000000-0000-0000-0000-000000000000}}"},
    {"gcs", "gcs: {bucket: ray-history, workloadIdentity: {gcpServiceAccount: h@p.iam.gserviceaccount.com}}"},
    {"gcs-key", "gcs: {bucket: ray-history, credentialsSecret: {name: gkey}}"},
    {"aliyunoss", "aliyunoss: {bucket: ray-history, endpoint: \"https://oss-cn-hangzhou.aliyuncs.com\", region: cn-hangzhou, roleName: r}"}};

// What each release needs to start and store correctly (cmd/collector/main.go validateFlags and
// FetchCurrentNodeID @v1.7.0; main.go @v1.6.2), and per backend (pkg/storage/*/config.go).
std::set<std::string> requiredEnv(CollectorRelease r, const std::string& backend) {
  std::set<std::string> out;
  if (r == CollectorRelease::V1_7)
    out = {"RAY_ROLE", "STORAGE_BACKEND", "RAY_CLUSTER_NAME", "RAY_CLUSTER_NAMESPACE", "POD_IP", "FQ_RAY_IP", "EVENTS_PORT"};
  if (backend == "s3") out.insert({"S3_BUCKET", "S3_REGION"});
  if (backend == "s3" && r == CollectorRelease::V1_6) out.insert({"AWS_S3ID", "AWS_S3SECRET"});
  if (backend.rfind("azureblob", 0) == 0) out.insert("AZURE_STORAGE_CONTAINER");
  if (backend.rfind("gcs", 0) == 0) out.insert("GCS_BUCKET");
  if (backend == "aliyunoss") out.insert({"OSS_BUCKET", "OSS_ENDPOINT"});
  if (backend == "aliyunoss" && r == CollectorRelease::V1_7) out.insert("OSS_REGION");
  return out;
}

std::set<std::string> envNames(const YAML::Node& env) {
  std::set<std::string> out;
  for (const YAML::Node& e : env) out.insert(e["name"].Scalar());
  return out;
}

// Variables a container only defines for Kubernetes to expand as $(NAME) elsewhere in it.
std::set<std::string> expanded(const YAML::Node& container) {
  std::set<std::string> out;
  const std::regex ref("\\$\\(([A-Z_0-9]+)\\)");
  auto scan = [&](const std::string& s) {
    for (std::sregex_iterator it(s.begin(), s.end(), ref), end; it != end; ++it) out.insert((*it)[1]);
  };
  for (const YAML::Node& arg : container["command"]) scan(arg.Scalar());
  for (const YAML::Node& e : container["env"])
    if (e["value"]) scan(e["value"].Scalar());
  return out;
}

}  // namespace

TEST_CASE("collector releases: each rendered collector sets what its release requires and nothing it does not read") {
  size_t checked = 0;
  for (const CollectorReleaseInfo& release : collectorReleases())
    for (const auto& [backend, storage] : kStorage)
      for (const char* kind : {"RayCluster", "RayJob", "RayService"})
        for (const char* mode : {"sidecar", "operator"}) {
          const bool v16 = release.id == CollectorRelease::V1_6;
          if (std::string(mode) == "operator" && (v16 || backend == "gcs-key")) continue;  // spec errors, tested below
          if (v16 && backend.find('-') != std::string::npos && backend != "gcs-key") continue;  // v1.6: no workload identity
          CAPTURE(release.name, backend, kind, mode);
          std::string yaml = std::string("spec:\n  kind: ") + kind + "\n  ray: {version: \"" + release.minRay +
                             "\"}\n  collector:\n    release: " + release.name + "\n    mode: " + mode +
                             "\n    image: c:1.0.0\n    storage: {" + storage + "}\n  agent: {type: history-collector}\n";
          if (std::string(kind) == "RayJob") yaml += "  rayJob: {entrypoint: python x.py}\n";
          if (std::string(kind) == "RayService") yaml += "  rayService: {serveConfigV2: \"applications: []\"}\n";
          const Spec spec = testing::specFrom(yaml);
          for (const YAML::Node& o : renderObjects(spec)) {
            if (!isRayKind(o["kind"].Scalar())) continue;
            if (std::string(mode) == "operator") {
              // validation.go @v1.7.0: the operator sets these itself and refuses them here.
              const std::set<std::string> env = envNames(rayClusterSpecOf(o)["historyServerOptions"]["collectorOptions"]["env"]);
              for (const char* refused : {"POD_IP", "FQ_RAY_IP", "RAY_CLUSTER_NAME", "RAY_CLUSTER_NAMESPACE", "RAY_ROLE",
                                          "OWNER_KIND", "OWNER_NAME", "EVENTS_PORT"})
                CHECK(env.count(refused) == 0);
              CHECK(env.count("STORAGE_BACKEND") == 1);
              for (const std::string& var : env) CHECK(std::count(release.env.begin(), release.env.end(), var) == 1);
              ++checked;
              continue;
            }
            for (RayPodTemplateRef& ref : rayPodTemplates(o)) {
              const YAML::Node c = ref.tmpl.findContainer(kCollectorContainer);
              REQUIRE(c);
              const std::set<std::string> env = envNames(c["env"]), viaCommand = expanded(c);
              for (const std::string& var : env) {
                CAPTURE(var);
                CHECK((std::count(release.env.begin(), release.env.end(), var) == 1 || viaCommand.count(var) == 1));
              }
              std::set<std::string> need = requiredEnv(release.id, backend);
              if (backend == "azureblob") need.insert("AZURE_STORAGE_CONNECTION_STRING");
              if (backend == "azureblob-wi") need.insert({"AZURE_STORAGE_ACCOUNT_URL", "AZURE_STORAGE_AUTH_MODE"});
              for (const std::string& var : need) {
                CAPTURE(var);
                CHECK(env.count(var) == 1);
              }
              const std::string role = ref.type == RayNodeType::Head ? "Head" : "Worker";
              if (v16) {
                std::set<std::string> flags;
                for (size_t i = 1; i < c["command"].size(); ++i) {
                  const std::string arg = c["command"][i].Scalar();
                  flags.insert(arg.substr(0, arg.find('=')));
                }
                for (const std::string& f : flags) CHECK(std::count(release.flags.begin(), release.flags.end(), f) == 1);
                for (const char* f : {"--role", "--runtime-class-name", "--ray-cluster-name", "--ray-cluster-id", "--events-port"})
                  CHECK(flags.count(f) == 1);
                CHECK(c["command"][1].Scalar() == "--role=" + role);
                CHECK(ref.tmpl.rayContainer()["lifecycle"]["postStart"]);  // the raylet_node_id hook
              } else {
                CHECK_FALSE(c["command"]);
                CHECK_FALSE(ref.tmpl.rayContainer()["lifecycle"]["postStart"]);
                CHECK(findByName(c["env"], "RAY_ROLE")["value"].Scalar() == role);
                CHECK(env.count("OWNER_KIND") == (std::string(kind) == "RayCluster" ? 0u : 1u));
              }
              ++checked;
            }
          }
        }
  CHECK(checked > 60);
}

TEST_CASE("collector releases: the History Server reads what the collectors write") {
  const Spec spec = testing::specFrom(
      "spec:\n  ray: {version: \"2.56.0\"}\n  collector:\n    image: c:1.0.0\n    rootDir: history\n"
      "    storage: {" + kStorage.at("s3") + "}\n    historyServer: {image: h:1}\n  agent: {type: history-collector}\n");
  const CollectorReleaseInfo& v17 = collectorRelease(CollectorRelease::V1_7);
  std::set<std::string> kinds;
  for (const YAML::Node& o : renderObjects(spec)) {
    kinds.insert(o["kind"].Scalar());
    if (o["kind"].Scalar() == "ClusterRole") {
      const YAML::Node rule = o["rules"][0];
      CHECK(rule["resources"][0].Scalar() == "rayclusters");
      CHECK(rule["verbs"].size() == 2);  // get, list: clientmanager.go calls no more
    }
    if (o["kind"].Scalar() != "Deployment") continue;
    const YAML::Node c = o["spec"]["template"]["spec"]["containers"][0];
    const std::set<std::string> env = envNames(c["env"]);
    for (const std::string& var : env) CHECK(std::count(v17.env.begin(), v17.env.end(), var) == 1);
    for (const char* var : {"STORAGE_BACKEND", "STORAGE_ROOT_DIR", "S3_BUCKET", "S3_REGION", "AWS_ACCESS_KEY_ID"})
      CHECK(env.count(var) == 1);
    CHECK(findByName(c["env"], "STORAGE_ROOT_DIR")["value"].Scalar() == "history");
  }
  CHECK(kinds == std::set<std::string>{"ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Service", "Deployment", "RayCluster"});
  CHECK(kinds.count("Role") == 0);  // the collector calls no Kubernetes API
}

TEST_CASE("collector releases: spec errors name the release's limits") {
  auto first = [](const std::string& yaml) {
    const auto p = testing::specProblems(yaml);
    return p.empty() ? std::string() : p[0].format();
  };
  const std::string s3 = kStorage.at("s3");
  CHECK_THAT(first("spec:\n  collector: {image: c:1.0.0, storage: {" + s3 + "}}\n  output: {type: stdout}\n"),
             Catch::Contains("collector release v1.7 needs Ray 2.55.0 or later"));
  CHECK_THAT(first("spec:\n  ray: {version: \"2.56.0\"}\n  collector: {release: v1.6, mode: operator, image: c:1.0.0, storage: {" + s3 + "}}\n  output: {type: stdout}\n"),
             Catch::Contains("mode operator needs collector release v1.7"));
  CHECK_THAT(first("spec:\n  ray: {version: \"2.56.0\"}\n  collector: {release: v1.6, image: c:1.0.0, storage: {s3: {bucket: abc}}}\n  output: {type: stdout}\n"),
             Catch::Contains("reads only static keys"));
  CHECK_THAT(first("spec:\n  ray: {version: \"2.56.0\"}\n  collector: {image: c:1.0.0, eventsPort: 8080, storage: {" + s3 + "}}\n  output: {type: stdout}\n"),
             Catch::Contains("port 8080 is one Ray listens on"));
  CHECK_THAT(first("spec:\n  ray: {version: \"2.56.0\"}\n  collector: {mode: operator, image: c:1.0.0, storage: {" + kStorage.at("gcs-key") + "}}\n  output: {type: stdout}\n"),
             Catch::Contains("use workloadIdentity"));
  CHECK_THAT(first("spec:\n  kind: RayJob\n  rayJob: {entrypoint: x}\n  ray: {version: \"2.56.0\", auth: token}\n  collector: {image: c:1.0.0, storage: {" + s3 + "}}\n  output: {type: stdout}\n"),
             Catch::Contains("cannot name the token's Secret"));
  CHECK_THAT(first("spec:\n  kind: RayJob\n  rayJob: {entrypoint: x}\n  ray: {version: \"2.56.0\", auth: kubernetes}\n  output: {type: stdout}\n"),
             Catch::Contains("only on a RayCluster"));
  CHECK_THAT(first("spec:\n  ray: {version: \"2.56.0\"}\n  collector: {image: c:1.0.0, storage: {azureblob: {}}}\n  output: {type: stdout}\n"),
             Catch::Contains("connectionStringSecret or accountURL"));
}

TEST_CASE("collector releases: inject names the owner and the token Secret after the object it edits, not the spec") {
  // A RayCluster spec injected into a RayJob and a RayCluster of other names: the collector
  // stores the job's cluster under the job (OWNER_*), and reads the token of the cluster it runs in.
  const Spec spec = testing::specFrom(
      "apiVersion: raylog.dev/v1alpha1\nkind: RayLogging\nmetadata: {name: from-spec}\nspec:\n  ray: {version: \"2.56.0\", auth: token}\n  collector:\n    image: c:1.0.0\n"
      "    storage: {" + kStorage.at("s3") + "}\n  agent: {type: history-collector}\n");
  const std::string manifests =
      "apiVersion: ray.io/v1\nkind: RayJob\nmetadata: {name: nightly}\nspec:\n  entrypoint: x\n  rayClusterSpec:\n"
      "    headGroupSpec: {template: {spec: {containers: [{name: ray-head, image: rayproject/ray:2.56.0}]}}}\n"
      "---\napiVersion: ray.io/v1\nkind: RayCluster\nmetadata: {name: shared}\nspec:\n"
      "  headGroupSpec: {template: {spec: {containers: [{name: ray-head, image: rayproject/ray:2.56.0}]}}}\n";
  size_t seen = 0;
  for (const YAML::Node& o : injectLogging(spec, parseManifests(manifests, "in.yaml")).objects) {
    if (!isRayKind(o["kind"].Scalar())) continue;
    const std::string name = o["metadata"]["name"].Scalar();
    for (RayPodTemplateRef& ref : rayPodTemplates(o)) {
      const YAML::Node env = ref.tmpl.findContainer(kCollectorContainer)["env"];
      REQUIRE(env);
      CHECK(findByName(env, "RAY_AUTH_TOKEN")["valueFrom"]["secretKeyRef"]["name"].Scalar() == name);
      if (o["kind"].Scalar() == "RayJob") {
        CHECK(findByName(env, "OWNER_KIND")["value"].Scalar() == "rayjob");
        CHECK(findByName(env, "OWNER_NAME")["value"].Scalar() == "nightly");
      } else {
        CHECK_FALSE(findByName(env, "OWNER_KIND"));
      }
      ++seen;
    }
  }
  CHECK(seen == 2);
}
