#pragma once
// What the log agent (and the History Server collector) must be allowed to do in AWS, derived from the spec's outputs; the IAM
// policy and the EKS setup script are generated from it.
#include <string>
#include <vector>

namespace raylog {

struct CloudWatchAccess {
  std::string region, logGroup;
  bool setsRetention = false;  // needs logs:PutRetentionPolicy
};

struct S3Access {
  std::string bucket, keyPrefix;  // objects under bucket/keyPrefix*
  bool checksBucket = false;      // HeadBucket first (the History Server collector): s3:ListBucket
};

struct FirehoseAccess {
  std::string region, deliveryStream;
};

enum class IamMode { Irsa, PodIdentity, NodeRole };

struct AwsAccess {
  std::string clusterName, region;
  IamMode mode = IamMode::Irsa;
  bool createCluster = false;
  std::string policyName;
  std::string agentNamespace, agentServiceAccount;  // whose pods get the credentials
  std::string agentWorkload;                          // for the verify hint, e.g. ds/demo-fluent-bit
  std::vector<CloudWatchAccess> cloudWatch;
  std::vector<S3Access> s3;
  std::vector<FirehoseAccess> firehose;
};

}  // namespace raylog
