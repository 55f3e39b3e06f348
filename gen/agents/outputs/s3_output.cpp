// s3: Fluent Bit's s3 output, objects keyed by cluster, pod and time; endpoint for MinIO and
// other S3-compatible stores (addressed path-style, bucket after the endpoint).
//
// out_s3 buffers to store_dir (default /tmp/fluent-bit/s3, plugins/out_s3/s3.c) and exits at
// start when it cannot create it, as under a read-only root filesystem: it buffers in the site's
// state folder instead, bounded (store_dir_limit_size: beyond it new data is refused, so a long
// S3 outage cannot fill the node's disk).
#include "agents/outputs/output_backend.h"

namespace raylog {

static void addS3(const OutputSpec& o, const OutputSite& site, FluentBitConfig& config) {
  FluentBitSection& s = config.add("OUTPUT");
  s.set("Name", "s3")
      .set("Match", site.match)
      .set("bucket", o.str("bucket"))
      .set("region", o.str("region"))
      .set("s3_key_format", o.str("keyFormat", "/ray-logs/" + site.clusterRef + "/" + site.podRef + "/%Y/%m/%d/%H%M%S-$UUID"))
      .set("total_file_size", o.str("totalFileSize", "50M"))
      .set("upload_timeout", o.str("uploadTimeout", "10m"))
      .set("use_put_object", "On");
  if (o.has("endpoint")) s.set("endpoint", o.str("endpoint"));
  if (o.has("roleArn")) s.set("role_arn", o.str("roleArn"));
  s.set("store_dir", site.stateDir + "/fluent-bit-s3").set("store_dir_limit_size", "500M");
}

OutputBackend s3OutputBackend() {
  return {"s3", {"bucket", "region", "keyFormat", "totalFileSize", "uploadTimeout", "endpoint", "roleArn", "credentialsSecret"},
          {"bucket", "region"}, &addS3};
}

}  // namespace raylog
