#include "eks/aws_access_from_spec.h"

#include "render/render.h"

namespace raylog {

std::string agentServiceAccount(const Spec& spec) {
  if (spec.strategy == "daemonset") return daemonSetName(spec);
  if (spec.collector.enabled) return spec.collector.serviceAccountName;  // one ServiceAccount per pod
  return spec.name + "-logs";
}

// The fixed part of an S3 key format, up to the first variable: the prefix the policy grants.
static std::string keyPrefix(const std::string& format) {
  std::string prefix = format.substr(0, format.find_first_of("$%"));
  if (!prefix.empty() && prefix.front() == '/') prefix.erase(0, 1);
  return prefix;
}

AwsAccess awsAccessFor(const Spec& spec) {
  AwsAccess a;
  a.clusterName = spec.eks.clusterName;
  a.region = spec.eks.region;
  a.mode = spec.eks.iamMode == "pod-identity" ? IamMode::PodIdentity
           : spec.eks.iamMode == "node-role"  ? IamMode::NodeRole
                                              : IamMode::Irsa;
  a.createCluster = spec.eks.createCluster;
  a.policyName = "raylog-" + spec.name + "-agent";
  a.agentServiceAccount = agentServiceAccount(spec);
  if (spec.strategy == "daemonset") {
    a.agentNamespace = spec.daemonset.ns;
    a.agentWorkload = "ds/" + daemonSetName(spec);
  } else {
    a.agentNamespace = spec.ns ? *spec.ns : "default";
    a.agentWorkload = "-l ray.io/cluster=" + spec.name + " -c fluent-bit";
  }
  for (const OutputSpec& o : spec.outputs) {
    if (o.type == "cloudwatch") a.cloudWatch.push_back({o.str("region", spec.eks.region), o.str("logGroup"), o.has("retentionDays")});
    if (o.type == "s3")
      a.s3.push_back({o.str("bucket"), keyPrefix(o.str("keyFormat", "/ray-logs/"))});
    if (o.type == "kinesis_firehose") a.firehose.push_back({o.str("region", spec.eks.region), o.str("deliveryStream")});
  }
  // KubeRay's collector on AWS S3 (not an S3-compatible endpoint): HeadBucket, then PutObject
  // under its root folder (historyserver/pkg/storage/s3/s3.go @v1.7.0: createBucketIfNotExists,
  // CreateDirectory, WriteFile). No s3:CreateBucket: create the bucket beforehand.
  const CollectorSpec& c = spec.collector;
  if (c.enabled && c.backend == "s3" && c.s3Endpoint.empty())
    a.s3.push_back({c.bucket, c.rootDir.empty() ? "" : c.rootDir + "/", true});
  return a;
}

}  // namespace raylog
