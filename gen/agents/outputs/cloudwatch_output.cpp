// cloudwatch: Fluent Bit's cloudwatch_logs. One stream per pod (<prefix><pod name>), so users
// filter by pod; the group is fixed, so the IAM policy can name it.
#include "agents/outputs/output_backend.h"

namespace raylog {

static void addCloudWatch(const OutputSpec& o, const std::string& match, FluentBitConfig& config) {
  FluentBitSection& s = config.add("OUTPUT");
  s.set("Name", "cloudwatch_logs")
      .set("Match", match)
      .set("region", o.str("region"))
      .set("log_group_name", o.str("logGroup"))
      // RAYLOG_POD comes from the downward API on the agent container.
      .set("log_stream_name", o.str("logStreamPrefix", "ray-") + "${RAYLOG_POD}")
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
