#include "gke/gcp_access_from_spec.h"

#include <algorithm>

#include "eks/aws_access_from_spec.h"
#include "render/render.h"

namespace raylog {

std::string gcpServiceAccountEmail(const GkeSpec& gke) {
  return gke.gcpServiceAccount + "@" + gke.project + ".iam.gserviceaccount.com";
}

static void addApi(GcpAccess& a, const std::string& api) {
  if (std::find(a.apis.begin(), a.apis.end(), api) == a.apis.end()) a.apis.push_back(api);
}

static void addBinding(GcpAccess& a, const GcpRoleBinding& b) {
  for (const GcpRoleBinding& have : a.bindings)
    if (have.role == b.role && have.bucket == b.bucket) return;
  a.bindings.push_back(b);
}

GcpAccess gcpAccessFor(const Spec& spec) {
  GcpAccess a;
  a.project = spec.gke.project;
  a.cluster = spec.gke.cluster;
  a.location = spec.gke.location;
  a.serviceAccountId = spec.gke.gcpServiceAccount;
  a.serviceAccountEmail = gcpServiceAccountEmail(spec.gke);
  a.agentServiceAccount = agentServiceAccount(spec);
  if (spec.strategy == "daemonset") {
    a.agentNamespace = spec.daemonset.ns;
    a.agentWorkload = "ds/" + daemonSetName(spec);
  } else {
    a.agentNamespace = spec.ns ? *spec.ns : "default";
    a.agentWorkload = "-l ray.io/cluster=" + spec.name + " --all-containers";
  }
  // GKE itself, the service account, and the token exchange Workload Identity uses
  // (docs.cloud.google.com/kubernetes-engine/docs/how-to/workload-identity, "Before you begin":
  // the Kubernetes Engine API and the IAM Service Account Credentials API).
  for (const char* api : {"container.googleapis.com", "iam.googleapis.com", "iamcredentials.googleapis.com"}) addApi(a, api);
  for (const OutputSpec& o : spec.outputs)
    if (o.type == "stackdriver") {
      // Fluent Bit's stackdriver output only writes entries (entries:write): Logs Writer on the
      // project, the narrowest predefined role with logging.logEntries.create.
      addApi(a, "logging.googleapis.com");
      addBinding(a, {"roles/logging.logWriter", ""});
    }
  // (A Fluent Bit gcs output gets nothing: out_gcs reads a key file only, see cloud_spec.cpp.)
  // KubeRay's collector on GCS reads an object's attributes, creates objects and rewrites them
  // (historyserver/pkg/storage/gcs/gcs_handler.go @v1.7.0: CreateDirectory's Attrs, WriteFile's
  // NewWriter over an existing name): storage.objects.get/create/delete, which Storage Object
  // User grants; objectCreator alone cannot overwrite. On that bucket only, never the project.
  const CollectorSpec& c = spec.collector;
  if (c.enabled && c.backend == "gcs" && !c.gcsCredentials) {
    addApi(a, "storage.googleapis.com");
    addBinding(a, {"roles/storage.objectUser", c.bucket});
  }
  return a;
}

}  // namespace raylog
