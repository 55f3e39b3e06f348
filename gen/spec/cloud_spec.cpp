#include "spec/cloud_spec.h"

#include "gke/gcp_access_from_spec.h"

namespace raylog {

// A default name from the spec's: Kubernetes names are lowercase letters, digits, '-' and '.';
// Google service account IDs take 6-30 of [a-z0-9-], ending in a letter or digit.
// Azure identity names take letters, digits, '-' and '_'.
static std::string dashedName(const std::string& specName) {
  std::string id = "raylog-" + specName;
  for (char& c : id)
    if (c == '.') c = '-';
  return id;
}

static std::string defaultGcpServiceAccount(const std::string& specName) {
  std::string id = dashedName(specName);
  if (id.size() > 30) id.resize(30);
  while (id.back() == '-') id.pop_back();
  return id;
}

static std::string azureBlobHost(const std::string& account) { return account + ".blob.core.windows.net"; }

void loadCloudSpecs(const nlohmann::json& sp, Spec& s) {
  if (sp.contains("gke")) {
    const auto& g = sp["gke"];
    s.gke = {true, g["project"].get<std::string>(), g["cluster"].get<std::string>(), g["location"].get<std::string>(),
             g.value("gcpServiceAccount", defaultGcpServiceAccount(s.name))};
  }
  if (sp.contains("aks")) {
    const auto& a = sp["aks"];
    const std::string rg = a["resourceGroup"].get<std::string>();
    s.aks = {true,
             a["subscription"].get<std::string>(),
             rg,
             a["cluster"].get<std::string>(),
             a["storageAccount"].get<std::string>(),
             a.value("storageResourceGroup", rg),
             a.value("identityName", dashedName(s.name))};
    // The collector on Azure Blob without a connection string authenticates as the managed
    // identity the script creates: KubeRay's AZURE_STORAGE_AUTH_MODE=workload_identity with the
    // account URL (historyserver/pkg/storage/azureblob/config.go @v1.7.0), and the webhook's pod
    // label (azure.github.io/azure-workload-identity, "Quick start"). The client-id annotation
    // is set by the script: Azure assigns the ID when it creates the identity.
    CollectorSpec& c = s.collector;
    const bool givesClientId = c.enabled && c.backend == "azureblob" &&
                               sp["collector"]["storage"]["azureblob"].contains("workloadIdentity");
    if (c.enabled && c.backend == "azureblob" && !c.azureConnectionString && !givesClientId) {
      c.azureAuthMode = "workload_identity";
      c.podLabels["azure.workload.identity/use"] = "true";
      if (c.azureAccountUrl.empty()) c.azureAccountUrl = "https://" + azureBlobHost(s.aks.storageAccount) + "/";
    }
  }
}

namespace {

void checkOneCloud(const nlohmann::json& given, SpecReport& report) {
  const char* clouds[] = {"eks", "gke", "aks"};
  const char* names[] = {"AWS EKS", "Google GKE", "Azure AKS"};
  int first = -1;
  for (int i = 0; i < 3; ++i) {
    if (!given.contains(clouds[i])) continue;
    if (first < 0) {
      first = i;
      continue;
    }
    report.error(std::string("/spec/") + clouds[i], true,
                 std::string("spec.") + clouds[first] + " and spec." + clouds[i] + " are both set, but one cluster runs on one cloud (" +
                     names[first] + " or " + names[i] + "); keep the section of the cluster you deploy to and render a second spec for the other");
  }
}

void checkGke(const nlohmann::json& given, const Spec& s, SpecReport& report) {
  const GcpAccess access = gcpAccessFor(s);
  bool gcsOutput = false;
  for (const OutputSpec& o : s.outputs) gcsOutput = gcsOutput || o.type == "gcs";
  if (access.bindings.empty())
    report.error("/spec/gke", true,
                 gcsOutput
                     // Fluent Bit's out_gcs (v5.1.1 plugins/out_gcs/gcs.c, cb_gcs_init) refuses to start without a
                     // service-account key file (google_service_credentials or GOOGLE_SERVICE_CREDENTIALS) and
                     // signs its own JWT with it: it never asks the metadata server, so Workload Identity cannot reach it.
                     ? "spec.gke binds a Google service account through Workload Identity, but Fluent Bit's gcs output "
                       "authenticates only with a service-account key file (google_service_credentials), never the GKE "
                       "metadata server; give it a key file from a Secret and remove gke, or ship to Cloud Logging (type "
                       "stackdriver) or store with the History Server collector (collector.storage.gcs), which can use it"
                     : "spec.gke binds a Google service account through Workload Identity, but nothing in the spec uses it: "
                       "add a stackdriver output or a collector storing to GCS without a key file, or remove gke");
  const CollectorSpec& c = s.collector;
  if (!c.enabled) return;
  if (c.backend == "gcs" && given["collector"]["storage"]["gcs"].contains("workloadIdentity"))
    report.error("/spec/collector/storage/gcs/workloadIdentity", true,
                 "with spec.gke the ServiceAccount is annotated with the account spec.gke sets up (" +
                     gcpServiceAccountEmail(s.gke) + "); remove workloadIdentity, or name your account in gke.gcpServiceAccount");
  if (!c.createServiceAccount)
    report.error("/spec/collector/serviceAccount/create", false,
                 "spec.gke annotates the Ray pods' ServiceAccount in the manifests, but raylog-gen does not render it with "
                 "create: false; set create: true, or remove gke and bind your ServiceAccount yourself");
}

void checkAks(const nlohmann::json& given, const Spec& s, SpecReport& report) {
  const CollectorSpec& c = s.collector;
  const bool collectorUsesIt = c.enabled && c.backend == "azureblob" && c.azureAuthMode == "workload_identity";
  if (c.enabled && c.backend == "azureblob" && given["collector"]["storage"]["azureblob"].contains("workloadIdentity"))
    report.error("/spec/collector/storage/azureblob/workloadIdentity", true,
                 "with spec.aks the setup script creates the managed identity and annotates the ServiceAccount with its "
                 "client ID; remove workloadIdentity");
  else if (c.enabled && c.backend == "azureblob" && given["collector"]["storage"]["azureblob"].contains("accountURL") &&
           c.azureAccountUrl.find("://" + azureBlobHost(s.aks.storageAccount)) == std::string::npos)
    report.error("/spec/collector/storage/azureblob/accountURL", false,
                 "accountURL " + c.azureAccountUrl + " is not aks.storageAccount's (https://" + azureBlobHost(s.aks.storageAccount) +
                     "/), where the script grants access; remove accountURL or make the two agree");
  if (collectorUsesIt) return;
  bool blobOutput = false;
  for (const OutputSpec& o : s.outputs) blobOutput = blobOutput || o.type == "azure_blob";
  report.error("/spec/aks", true,
               blobOutput
                   // Fluent Bit's azure_blob: auth_type is "key" or "sas", nothing else (plugins/out_azure_blob/
                   // azure_blob_conf.c, flb_azure_blob_conf_create, at v3.2.10 and v5.1.1 alike).
                   ? "spec.aks sets up Azure Workload Identity, but Fluent Bit's azure_blob output (3.2 and 5.1) signs "
                     "with a shared key or a SAS token only (auth_type key or sas), never a workload identity token; keep "
                     "its sharedKeySecret and remove aks, or store with the History Server collector "
                     "(collector.storage.azureblob without connectionStringSecret), which can use it"
                   : "spec.aks sets up Azure Workload Identity, but nothing in the spec uses it: only the History Server "
                     "collector storing to Azure Blob (collector.storage.azureblob without connectionStringSecret) can; "
                     "add it or remove aks");
}

}  // namespace

void checkCloudSpecs(const nlohmann::json& given, const Spec& s, SpecReport& report) {
  checkOneCloud(given, report);
  if (s.gke.enabled) checkGke(given, s, report);
  if (s.aks.enabled) checkAks(given, s, report);
}

}  // namespace raylog
