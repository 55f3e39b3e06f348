// s3: Fluent Bit's s3 output, objects keyed by cluster, pod and time; endpoint for MinIO and
// other S3-compatible stores (addressed path-style, bucket after the endpoint).
#include "agents/outputs/output_backend.h"

namespace raylog {

static void addS3(const OutputSpec& o, const std::string& match, FluentBitConfig& config) {
  FluentBitSection& s = config.add("OUTPUT");
  s.set("Name", "s3")
      .set("Match", match)
      .set("bucket", o.str("bucket"))
      .set("region", o.str("region"))
      .set("s3_key_format", o.str("keyFormat", "/ray-logs/${RAYLOG_CLUSTER}/${RAYLOG_POD}/%Y/%m/%d/%H%M%S-$UUID"))
      .set("total_file_size", o.str("totalFileSize", "50M"))
      .set("upload_timeout", o.str("uploadTimeout", "10m"))
      .set("use_put_object", "On");
  if (o.has("endpoint")) s.set("endpoint", o.str("endpoint"));
  if (o.has("roleArn")) s.set("role_arn", o.str("roleArn"));
}

OutputBackend s3OutputBackend() {
  return {"s3", {"bucket", "region", "keyFormat", "totalFileSize", "uploadTimeout", "endpoint", "roleArn", "credentialsSecret"},
          {"bucket", "region"}, &addS3};
}

}  // namespace raylog
