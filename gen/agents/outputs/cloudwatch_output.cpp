// cloudwatch: Fluent Bit's cloudwatch_logs. One stream per Ray pod (<prefix><pod name>), so users
// filter by pod; the group is fixed, so the IAM policy can name it. The stream comes from each
// record's `pod` field (log_stream_template, a record accessor), which the sidecar sets from its
// pod and the node agent from the Ray pod's folder: a node agent's own name would put every pod
// of the node in one stream. log_stream_prefix is the required fallback (prefix + tag) for a
// record without it (plugins/out_cloudwatch_logs/cloudwatch_logs.c).
#include "agents/outputs/output_backend.h"

namespace raylog {

static void addCloudWatch(const OutputSpec& o, const OutputSite& site, FluentBitConfig& config) {
  FluentBitSection& s = config.add("OUTPUT");
  s.set("Name", "cloudwatch_logs")
      .set("Match", site.match)
      .set("region", o.str("region"))
      .set("log_group_name", o.str("logGroup"))
      .set("log_stream_prefix", o.str("logStreamPrefix", "ray-"))
      .set("log_stream_template", o.str("logStreamPrefix", "ray-") + "$pod")
      .set("auto_create_group", o.flag("autoCreateGroup", true) ? "On" : "Off");
  if (o.has("retentionDays")) s.set("log_retention_days", std::to_string(o.num("retentionDays", 0)));
  if (o.has("roleArn")) s.set("role_arn", o.str("roleArn"));
}

OutputBackend cloudWatchOutputBackend() {
  return {"cloudwatch",
          {"region", "logGroup", "logStreamPrefix", "autoCreateGroup", "retentionDays", "roleArn"},
          {"region", "logGroup"},
          &addCloudWatch};
}

}  // namespace raylog
