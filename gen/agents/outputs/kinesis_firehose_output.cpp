// kinesis_firehose: Fluent Bit's kinesis_firehose output to one delivery stream (which itself
// delivers to S3, OpenSearch, Splunk, ...). Credentials as for cloudwatch and s3: the AWS chain
// (IRSA, EKS Pod Identity, the node role); spec.eks grants firehose:PutRecordBatch on this one
// stream. Options from plugins/out_kinesis_firehose/firehose.c (config_map, v3.2.10 and v5.1.1):
// region, delivery_stream, time_key, time_key_format, role_arn, endpoint.
#include "agents/outputs/output_backend.h"

namespace raylog {

static void addFirehose(const OutputSpec& o, const OutputSite& site, FluentBitConfig& config) {
  FluentBitSection& s = config.add("OUTPUT");
  s.set("Name", "kinesis_firehose")
      .set("Match", site.match)
      .set("region", o.str("region"))
      .set("delivery_stream", o.str("deliveryStream"))
      // The plugin adds no timestamp unless told (firehose.c: time_key, "By default the timestamp
      // ... will not be added"); the parsers take Ray's own time out of the record, so put the
      // record's time back, with milliseconds (%3N: src/aws/flb_aws_util.c, both versions).
      .set("time_key", o.str("timeKey", "timestamp"))
      .set("time_key_format", "%Y-%m-%dT%H:%M:%S.%3NZ");
  if (o.has("endpoint")) s.set("endpoint", o.str("endpoint"));
  if (o.has("roleArn")) s.set("role_arn", o.str("roleArn"));
}

OutputBackend kinesisFirehoseOutputBackend() {
  return {"kinesis_firehose", {"region", "deliveryStream", "timeKey", "endpoint", "roleArn"}, {"region", "deliveryStream"},
          &addFirehose};
}

}  // namespace raylog
