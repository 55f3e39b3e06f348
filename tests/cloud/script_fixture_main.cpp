// Writes a GKE or AKS setup script for the stub tests, with the cluster name given on the
// command line (so the tests can pass hostile ones the spec would refuse).
// Usage: cloud_script_fixture gke|aks CLUSTER > script.sh
#include <iostream>
#include <string>

#include "aks/aks_script.h"
#include "gke/gke_script.h"

int main(int argc, char** argv) {
  using namespace raylog;
  const std::string cloud = argc == 3 ? argv[1] : "";
  if (cloud != "gke" && cloud != "aks") {
    std::cerr << "usage: cloud_script_fixture gke|aks CLUSTER\n";
    return 2;
  }
  const std::string manifests = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ray\n";
  if (cloud == "gke") {
    GcpAccess a;
    a.project = "demo-project";
    a.cluster = argv[2];
    a.location = "us-central1";
    a.serviceAccountId = "raylog-demo";
    a.serviceAccountEmail = "raylog-demo@demo-project.iam.gserviceaccount.com";
    a.agentNamespace = "ray";
    a.agentServiceAccount = "demo-collector";
    a.agentWorkload = "-l ray.io/cluster=demo --all-containers";
    a.apis = {"container.googleapis.com", "iam.googleapis.com", "iamcredentials.googleapis.com", "logging.googleapis.com",
              "storage.googleapis.com"};
    a.bindings = {{"roles/logging.logWriter", ""}, {"roles/storage.objectUser", "ray-history"}};
    std::cout << gkeSetupScript(a, manifests);
  } else {
    AzureAccess a;
    a.subscription = "00000000-1111-2222-3333-444444444444";
    a.resourceGroup = "ray-rg";
    a.cluster = argv[2];
    a.identityName = "raylog-demo";
    a.federatedCredentialName = "ray-demo-collector";
    a.storageAccount = "raylogsdemo";
    a.storageResourceGroup = "storage-rg";
    a.containers = {"ray-historyserver"};
    a.agentNamespace = "ray";
    a.agentServiceAccount = "demo-collector";
    a.agentWorkload = "-l ray.io/cluster=demo --all-containers";
    std::cout << aksSetupScript(a, manifests);
  }
  return 0;
}
