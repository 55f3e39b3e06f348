// azure_blob: append blobs in a container created on first use; the account key from a Secret.
#include "agents/outputs/output_backend.h"

namespace raylog {

static void addAzureBlob(const OutputSpec& o, const OutputSite& site, FluentBitConfig& config) {
  config.add("OUTPUT")
      .set("Name", "azure_blob")
      .set("Match", site.match)
      .set("account_name", o.str("account"))
      .set("shared_key", secretReference(o, "sharedKeySecret"))
      .set("container_name", o.str("container", "ray-logs"))
      .set("blob_type", "appendblob")
      .set("auto_create_container", "On")
      // The blob is named by the tag under this path: per pod, whichever names it.
      .set("path", site.tagNamesPod ? "ray" : "ray/" + site.clusterRef + "/" + site.podRef)
      .set("tls", "On");
}

OutputBackend azureBlobOutputBackend() {
  return {"azure_blob", {"account", "container", "sharedKeySecret"}, {"account", "sharedKeySecret"}, &addAzureBlob};
}

}  // namespace raylog
