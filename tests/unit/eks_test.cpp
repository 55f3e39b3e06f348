// The IAM policy is least privilege, and the script's values are single-quoted literals.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "eks/aws_access_from_spec.h"
#include "eks/eks_script.h"
#include "eks/iam_policy.h"
#include "spec/spec_loader.h"
#include "test_helpers.h"
#include "util/shell_quote.h"

using namespace raylog;

TEST_CASE("IAM policies grant only the backends' actions, on their ARNs") {
  size_t checked = 0;
  for (const std::string& path : testing::exampleSpecs()) {
    Spec spec = loadSpecFile(path);
    if (!spec.eks.enabled) continue;
    ++checked;
    CAPTURE(path);
    const AwsAccess access = awsAccessFor(spec);
    const auto policy = nlohmann::json::parse(iamPolicyJson(access));
    CHECK(policy["Version"] == "2012-10-17");
    bool retention = false;
    for (const auto& st : policy["Statement"]) {
      CHECK(st["Effect"] == "Allow");
      for (const auto& action : st["Action"]) {
        const std::string a = action;
        CHECK(a.find('*') == std::string::npos);
        CHECK((a.rfind("logs:", 0) == 0 || a.rfind("s3:", 0) == 0));
        retention = retention || a == "logs:PutRetentionPolicy";
      }
      for (const auto& resource : st["Resource"]) {
        const std::string r = resource;
        CHECK(r != "*");
        CHECK(r.rfind("arn:aws:", 0) == 0);
      }
    }
    CHECK(retention == (access.cloudWatch.size() > 0 && access.cloudWatch[0].setsRetention));
    CHECK(access.cloudWatch.at(0).logGroup == "/aws/containerinsights/fluent-bit-demo/application");
  }
  CHECK(checked == 3);
}

TEST_CASE("shell quoting keeps hostile values literal") {
  CHECK(shellQuote("demo") == "'demo'");
  CHECK(shellQuote("x'; rm -rf /; '") == "'x'\\''; rm -rf /; '\\'''");
  CHECK(shellQuote("$(id)") == "'$(id)'");
  CHECK(heredocDelimiter("a\nEOF\n", "EOF") == "EOF_1");
}

TEST_CASE("eks needs an AWS output, and the preset needs eks") {
  auto noAws = testing::specProblems("spec:\n  eks: {clusterName: c, region: us-west-2}\n  output: {type: stdout}\n");
  REQUIRE(noAws.size() == 1);
  CHECK_THAT(noAws[0].message, Catch::Contains("no output is cloudwatch, s3 or kinesis_firehose"));
  auto preset = testing::specProblems("spec:\n  strategy: daemonset\n  daemonset: {preset: container-insights}\n  output: {type: stdout}\n");
  REQUIRE(preset.size() == 1);
  CHECK_THAT(preset[0].message, Catch::Contains("needs spec.eks"));
  auto hostile = testing::specProblems("spec:\n  eks: {clusterName: \"x'; rm -rf /; '\", region: us-west-2}\n  output: {type: cloudwatch, logGroup: g}\n");
  CHECK_FALSE(hostile.empty());
}

TEST_CASE("IAM policy: the History Server collector's AWS S3 bucket, for its ServiceAccount") {
  const Spec spec = testing::specFrom(
      "spec:\n  ray: {version: \"2.56.0\"}\n  eks: {clusterName: c, region: us-west-2}\n"
      "  collector: {image: c:1.0.0, rootDir: history, storage: {s3: {bucket: ray-history, region: us-west-2}}}\n"
      "  agent: {type: history-collector}\n");
  const AwsAccess access = awsAccessFor(spec);
  CHECK(access.agentServiceAccount == spec.collector.serviceAccountName);
  const auto policy = nlohmann::json::parse(iamPolicyJson(access));
  REQUIRE(policy["Statement"].size() == 2);
  CHECK(policy["Statement"][0]["Action"] == nlohmann::json::array({"s3:PutObject"}));
  CHECK(policy["Statement"][0]["Resource"][0] == "arn:aws:s3:::ray-history/history/*");
  // HeadBucket (createBucketIfNotExists) needs ListBucket on the bucket; no CreateBucket.
  CHECK(policy["Statement"][1]["Action"] == nlohmann::json::array({"s3:ListBucket"}));
  CHECK(policy["Statement"][1]["Resource"][0] == "arn:aws:s3:::ray-history");
}
