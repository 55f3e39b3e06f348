// s3: Fluent Bit's s3 output, objects keyed by cluster, pod and time; endpoint for MinIO and
// other S3-compatible stores (addressed path-style, bucket after the endpoint).
//
// out_s3 buffers to store_dir (default /tmp/fluent-bit/s3, plugins/out_s3/s3.c) and exits at
// start when it cannot create it, as under a read-only root filesystem: it buffers in the site's
// state folder instead, bounded (store_dir_limit_size: beyond it new data is refused, so a long
// S3 outage cannot fill the node's disk).
//
// keyPerJob: /ray-logs/<cluster>/<pod>/<job>/... s3_key_format takes only the tag's parts, time,
// $UUID and $INDEX, never a record's field (src/aws/flb_aws_util.c flb_get_s3_key, v3.2.10 and
// v5.1.1; at most $TAG[0]..$TAG[9]). So, as opentelemetry does, this output gets its own copy of
// the records (rewrite_tag, keep true: the others keep theirs) tagged s3o<n>.<job>.<tag>, and
// the key names $TAG[1]. rewrite_tag tries its rules in order and the first that matches wins
// (plugins/filter_rewrite_tag/rewrite_tag.c process_record, both tags): the record's ray_job_id,
// else its ray_submission_id (job-driver files), else "_nojob" (raylet, gcs_server, ...: every
// record has ray_cluster, so nothing is dropped). The patterns keep '.' (the tag's delimiter) and
// any other odd character out of the tag; an id they refuse goes under _nojob.
#include "agents/outputs/output_backend.h"

#include "ray/ray_log_files.h"

namespace raylog {

// A node agent's refs are tag parts ($TAG[2]); the copy's tag has two parts more in front.
static std::string shiftedTagRef(const std::string& ref, const OutputSite& site) {
  const std::string open = "$TAG[";
  if (!site.tagNamesPod || ref.rfind(open, 0) != 0 || ref.back() != ']') return ref;
  return open + std::to_string(std::stoi(ref.substr(open.size())) + 2) + "]";
}

static void addS3(const OutputSpec& o, const OutputSite& site, FluentBitConfig& config) {
  const bool perJob = o.flag("keyPerJob", false);
  std::string match = site.match;
  std::string defaultKey = "/ray-logs/" + site.clusterRef + "/" + site.podRef + "/%Y/%m/%d/%H%M%S-$UUID";
  if (perJob) {
    const std::string copy = "s3o" + std::to_string(o.index + 1);
    FluentBitSection& rewrite = config.add("FILTER");
    rewrite.set("Name", "rewrite_tag")
        .set("Match", site.match)
        .append("Rule", "$" + std::string(kRayJobIdField) + " ^[0-9a-f]+$ " + copy + ".$" + kRayJobIdField + ".$TAG true")
        .append("Rule", "$" + std::string(kRaySubmissionIdField) + " ^[A-Za-z0-9_-]+$ " + copy + ".$" +
                            kRaySubmissionIdField + ".$TAG true")
        .append("Rule", "$ray_cluster .+ " + copy + "._nojob.$TAG true")
        .set("Emitter_Name", "raylog_" + copy);  // with a disk buffer, its chunks on disk too (fluent_bit_storage)
    match = copy + ".*";
    defaultKey = "/ray-logs/" + shiftedTagRef(site.clusterRef, site) + "/" + shiftedTagRef(site.podRef, site) +
                 "/$TAG[1]/%Y/%m/%d/%H%M%S-$UUID";
  }
  FluentBitSection& s = config.add("OUTPUT");
  s.set("Name", "s3")
      .set("Match", match)
      .set("bucket", o.str("bucket"))
      .set("region", o.str("region"))
      .set("s3_key_format", o.str("keyFormat", defaultKey))
      .set("total_file_size", o.str("totalFileSize", "50M"))
      .set("upload_timeout", o.str("uploadTimeout", "10m"))
      .set("use_put_object", "On");
  if (o.has("endpoint")) s.set("endpoint", o.str("endpoint"));
  if (o.has("roleArn")) s.set("role_arn", o.str("roleArn"));
  s.set("store_dir", site.stateDir + "/fluent-bit-s3").set("store_dir_limit_size", "500M");
}

OutputBackend s3OutputBackend() {
  return {"s3",
          {"bucket", "region", "keyFormat", "keyPerJob", "totalFileSize", "uploadTimeout", "endpoint", "roleArn",
           "credentialsSecret"},
          {"bucket", "region"},
          &addS3};
}

}  // namespace raylog
