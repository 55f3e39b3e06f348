// spec.gke and spec.aks: least-privilege roles derived from the outputs, the ServiceAccount the
// identity is bound to, the refusals where Fluent Bit cannot use a workload identity, one cloud
// per spec, and single-quoted script values.
#include <catch2/catch.hpp>

#include <algorithm>

#include "aks/aks_script.h"
#include "aks/azure_access_from_spec.h"
#include "gke/gcp_access_from_spec.h"
#include "gke/gke_script.h"
#include "render/cloud_identity.h"
#include "render/render.h"
#include "spec/cloud_spec.h"
#include "test_helpers.h"

using namespace raylog;

namespace {

const char* kGke = "  gke: {project: my-project, cluster: ray, location: us-central1}\n";
const char* kAks =
    "  aks: {subscription: 00000000-1111-2222-3333-444444444444, resourceGroup: ray-rg, cluster: ray, storageAccount: raylogs}\n";
const char* kGcsCollector =
    "  ray: {version: \"2.56.0\"}\n  collector:\n    image: quay.io/kuberay/collector:v1.7.0\n    storage:\n      gcs: {bucket: ray-history}\n";
const char* kBlobCollector =
    "  ray: {version: \"2.56.0\"}\n  collector:\n    image: quay.io/kuberay/collector:v1.7.0\n    storage:\n      azureblob: {container: ray-history}\n";

std::string messages(const std::vector<Diagnostic>& problems) {
  std::string all;
  for (const Diagnostic& d : problems) all += d.message + "\n";
  return all;
}

}  // namespace

TEST_CASE("gke: the collector on GCS gets Storage Object User on its bucket only, and the annotation is rendered") {
  const Spec spec = testing::specFrom(std::string("spec:\n") + kGke + kGcsCollector + "  output: {type: stdout}\n");
  const GcpAccess a = gcpAccessFor(spec);
  REQUIRE(a.bindings.size() == 1);
  CHECK(a.bindings[0].role == "roles/storage.objectUser");
  CHECK(a.bindings[0].bucket == "ray-history");
  CHECK(a.serviceAccountEmail == "raylog-t@my-project.iam.gserviceaccount.com");  // metadata.name t
  CHECK(a.agentServiceAccount == spec.collector.serviceAccountName);
  for (const GcpRoleBinding& b : a.bindings) {
    CHECK(b.role != "roles/owner");
    CHECK(b.role != "roles/editor");
    CHECK(b.role.find("dmin") == std::string::npos);
  }
  const std::string out = renderStream(spec);
  CHECK_THAT(out, Catch::Contains("iam.gke.io/gcp-service-account: raylog-t@my-project.iam.gserviceaccount.com"));
}

TEST_CASE("gke: a stackdriver output gets Logs Writer on the project; gcs outputs get nothing") {
  // Built in code: the stackdriver and gcs output types arrive from another branch.
  Spec spec;
  spec.name = "demo";
  spec.strategy = "sidecar";
  spec.gke = {true, "my-project", "ray", "us-central1", "raylog-demo"};
  spec.outputs.push_back({"stackdriver", 0, nlohmann::json::object()});
  spec.outputs.push_back({"gcs", 1, nlohmann::json{{"bucket", "b"}}});
  spec.outputs.push_back({"stackdriver", 2, nlohmann::json::object()});
  const GcpAccess a = gcpAccessFor(spec);
  REQUIRE(a.bindings.size() == 1);  // once, however many stackdriver outputs
  CHECK(a.bindings[0].role == "roles/logging.logWriter");
  CHECK(a.bindings[0].bucket.empty());
  CHECK(a.agentServiceAccount == "demo-logs");
  CHECK(std::count(a.apis.begin(), a.apis.end(), "logging.googleapis.com") == 1);
  CHECK(std::count(a.apis.begin(), a.apis.end(), "storage.googleapis.com") == 0);
  // The sidecar pods' ServiceAccount is rendered, annotated.
  const std::vector<YAML::Node> sa = cloudIdentityObjects(spec);
  REQUIRE(sa.size() == 1);
  CHECK(sa[0]["metadata"]["name"].as<std::string>() == "demo-logs");
  CHECK(sa[0]["metadata"]["annotations"]["iam.gke.io/gcp-service-account"].as<std::string>() ==
        "raylog-demo@my-project.iam.gserviceaccount.com");
}

TEST_CASE("gke or aks with nothing that can use the identity is refused, naming what can") {
  auto p = testing::specProblems(std::string("spec:\n") + kGke + "  output: {type: stdout}\n");
  REQUIRE(p.size() == 1);
  CHECK_THAT(p[0].message, Catch::Contains("nothing in the spec uses it") && Catch::Contains("stackdriver"));
  auto a = testing::specProblems(std::string("spec:\n") + kAks + "  output: {type: stdout}\n");
  REQUIRE(a.size() == 1);
  CHECK_THAT(a[0].message, Catch::Contains("nothing in the spec uses it") && Catch::Contains("collector.storage.azureblob"));
}

namespace {
struct Collect : SpecReport {
  std::vector<std::pair<std::string, std::string>> errors;
  void error(const std::string& pointer, bool, const std::string& message) override { errors.push_back({pointer, message}); }
};
}  // namespace

TEST_CASE("gke: a Fluent Bit gcs output alone is refused: out_gcs reads a key file, never the metadata server") {
  // Built in code: the gcs output type arrives from another branch.
  Spec spec;
  spec.name = "demo";
  spec.strategy = "sidecar";
  spec.gke = {true, "my-project", "ray", "us-central1", "raylog-demo"};
  spec.outputs.push_back({"gcs", 0, nlohmann::json{{"bucket", "b"}}});
  Collect report;
  checkCloudSpecs(nlohmann::json{{"gke", nlohmann::json::object()}}, spec, report);
  REQUIRE(report.errors.size() == 1);
  CHECK(report.errors[0].first == "/spec/gke");
  CHECK_THAT(report.errors[0].second, Catch::Contains("service-account key file") && Catch::Contains("stackdriver"));
  spec.outputs.push_back({"stackdriver", 1, nlohmann::json::object()});  // now something can use it
  Collect ok;
  checkCloudSpecs(nlohmann::json{{"gke", nlohmann::json::object()}}, spec, ok);
  CHECK(ok.errors.empty());
}

TEST_CASE("gke: the collector's own workloadIdentity and create: false conflict with spec.gke") {
  auto p = testing::specProblems(std::string("spec:\n") + kGke +
                                 "  ray: {version: \"2.56.0\"}\n  collector:\n    image: quay.io/kuberay/collector:v1.7.0\n"
                                 "    serviceAccount: {name: mine, create: false}\n    storage:\n"
                                 "      gcs: {bucket: bbb, workloadIdentity: {gcpServiceAccount: x@p.iam.gserviceaccount.com}}\n"
                                 "  output: {type: stdout}\n");
  const std::string all = messages(p);
  CHECK_THAT(all, Catch::Contains("remove workloadIdentity"));
  CHECK_THAT(all, Catch::Contains("set create: true"));
}

TEST_CASE("aks: the collector on Azure Blob uses workload identity; the role is scoped to its container") {
  const Spec spec = testing::specFrom(std::string("spec:\n") + kAks + kBlobCollector + "  agent: {type: history-collector}\n");
  CHECK(spec.collector.azureAuthMode == "workload_identity");
  CHECK(spec.collector.azureAccountUrl == "https://raylogs.blob.core.windows.net/");
  CHECK(spec.collector.podLabels.at("azure.workload.identity/use") == "true");
  const AzureAccess a = azureAccessFor(spec);
  REQUIRE(a.containers == std::vector<std::string>{"ray-history"});
  CHECK(a.identityName == "raylog-t");
  CHECK(a.storageResourceGroup == "ray-rg");
  CHECK(a.agentServiceAccount == spec.collector.serviceAccountName);
  const std::string out = renderStream(spec);
  CHECK_THAT(out, Catch::Contains("azure.workload.identity/use: \"true\""));
  CHECK_THAT(out, Catch::Contains("value: workload_identity"));
  CHECK_THAT(out, !Catch::Contains("azure.workload.identity/client-id"));  // the script sets it: Azure assigns the ID
}

TEST_CASE("aks: Fluent Bit's azure_blob cannot use workload identity, and render says what to use") {
  auto p = testing::specProblems(std::string("spec:\n") + kAks +
                                 "  output: {type: azure_blob, account: raylogs, sharedKeySecret: {name: s, key: k}}\n");
  REQUIRE(p.size() == 1);
  CHECK_THAT(p[0].message, Catch::Contains("shared key or a SAS token only") && Catch::Contains("collector.storage.azureblob"));
  auto withKey = testing::specProblems(std::string("spec:\n") + kAks +
                                       "  ray: {version: \"2.56.0\"}\n  collector:\n    image: quay.io/kuberay/collector:v1.7.0\n    storage:\n"
                                       "      azureblob: {container: ccc, accountURL: 'https://other.blob.core.windows.net/', "
                                       "workloadIdentity: {clientId: 00000000-0000-0000-0000-000000000000}}\n"
                                       "  agent: {type: history-collector}\n");
  CHECK_THAT(messages(withKey), Catch::Contains("remove workloadIdentity"));
}

TEST_CASE("one cloud per spec") {
  auto p = testing::specProblems(std::string("spec:\n") + kGke + kAks + kGcsCollector + "  output: {type: stdout}\n");
  const std::string all = messages(p);
  CHECK_THAT(all, Catch::Contains("spec.gke and spec.aks are both set"));
  auto eks = testing::specProblems(std::string("spec:\n  eks: {clusterName: c, region: us-west-2}\n") + kGke +
                                   "  output: {type: s3, bucket: bbb}\n");
  CHECK_THAT(messages(eks), Catch::Contains("spec.eks and spec.gke are both set"));
}

TEST_CASE("gke and aks values are checked by the schema; hostile ones never reach a script") {
  for (const char* bad : {"\"x'; rm -rf /; '\"", "\"$(id)\"", "\"two words\"", "\"a\\nb\""}) {
    CAPTURE(bad);
    CHECK_FALSE(testing::specProblems(std::string("spec:\n  gke: {project: my-project, cluster: ") + bad +
                                      ", location: us-central1}\n" + kGcsCollector + "  output: {type: stdout}\n")
                    .empty());
    CHECK_FALSE(testing::specProblems(std::string("spec:\n  aks: {subscription: 00000000-1111-2222-3333-444444444444, "
                                                  "resourceGroup: ") +
                                      bad + ", cluster: c, storageAccount: raylogs}\n" + kBlobCollector +
                                      "  agent: {type: history-collector}\n")
                      .empty());
  }
  GcpAccess g;
  g.cluster = "x'; rm -rf /; '";
  CHECK_THAT(gkeSetupScript(g, ""), Catch::Contains("CLUSTER='x'\\''; rm -rf /; '\\'''\n"));
  AzureAccess a;
  a.cluster = "$(id)";
  CHECK_THAT(aksSetupScript(a, ""), Catch::Contains("CLUSTER='$(id)'\n"));
}
