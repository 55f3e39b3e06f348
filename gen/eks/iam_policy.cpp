#include "eks/iam_policy.h"

#include <nlohmann/json.hpp>

namespace raylog {

std::string iamPolicyJson(const AwsAccess& access) {
  using ordered = nlohmann::ordered_json;
  ordered statements = ordered::array();
  for (size_t i = 0; i < access.cloudWatch.size(); ++i) {
    const CloudWatchAccess& cw = access.cloudWatch[i];
    // Fluent Bit's cloudwatch_logs output: create the group and streams, describe, put.
    ordered actions = {"logs:CreateLogGroup", "logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"};
    if (cw.setsRetention) actions.push_back("logs:PutRetentionPolicy");
    const std::string group = "arn:aws:logs:" + cw.region + ":*:log-group:" + cw.logGroup;
    statements.push_back(ordered{{"Sid", "RayLogsCloudWatch" + std::to_string(i + 1)},
                                 {"Effect", "Allow"},
                                 {"Action", actions},
                                 {"Resource", {group, group + ":*"}}});  // the group, and its streams
  }
  for (size_t i = 0; i < access.s3.size(); ++i) {
    const S3Access& s3 = access.s3[i];
    statements.push_back(ordered{{"Sid", "RayLogsS3" + std::to_string(i + 1)},
                                 {"Effect", "Allow"},
                                 {"Action", {"s3:PutObject"}},
                                 {"Resource", {"arn:aws:s3:::" + s3.bucket + "/" + s3.keyPrefix + "*"}}});
    if (s3.checksBucket)  // HeadBucket is authorised by s3:ListBucket on the bucket itself
      statements.push_back(ordered{{"Sid", "RayLogsS3Bucket" + std::to_string(i + 1)},
                                   {"Effect", "Allow"},
                                   {"Action", {"s3:ListBucket"}},
                                   {"Resource", {"arn:aws:s3:::" + s3.bucket}}});
  }
  for (size_t i = 0; i < access.firehose.size(); ++i) {
    const FirehoseAccess& f = access.firehose[i];
    // Fluent Bit's kinesis_firehose output calls PutRecordBatch only (out_kinesis_firehose/firehose_api.c).
    statements.push_back(ordered{{"Sid", "RayLogsFirehose" + std::to_string(i + 1)},
                                 {"Effect", "Allow"},
                                 {"Action", {"firehose:PutRecordBatch"}},
                                 {"Resource", {"arn:aws:firehose:" + f.region + ":*:deliverystream/" + f.deliveryStream}}});
  }
  ordered policy = {{"Version", "2012-10-17"}, {"Statement", statements}};
  return policy.dump(2) + "\n";
}

}  // namespace raylog
