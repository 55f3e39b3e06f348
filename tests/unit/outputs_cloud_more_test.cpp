// stackdriver, gcs and kinesis_firehose: what each writes into the Fluent Bit config, how their
// credentials reach the agent (metadata server, a Secret as env or as a mounted file, the AWS
// chain), gcs's version gate, Firehose's IAM statement, and hostile values.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "agents/fluent_bit/fluent_bit_daemonset_config.h"
#include "agents/fluent_bit/fluent_bit_reader.h"
#include "agents/fluent_bit/fluent_bit_sidecar_config.h"
#include "agents/outputs/output_backend.h"
#include "eks/aws_access_from_spec.h"
#include "eks/iam_policy.h"
#include "render/render.h"
#include "test_helpers.h"

using namespace raylog;

namespace {

const FluentBitSection& onlyOutput(const ParsedFluentBitConfig& p) {
  for (const auto& s : p.config.sections)
    if (s.name == "OUTPUT") return s;
  FAIL("no OUTPUT section");
  throw std::logic_error("unreachable");
}

ParsedFluentBitConfig sidecarOf(const Spec& s) { return readFluentBitConfig(fluentBitSidecarConfig(s).render()); }
ParsedFluentBitConfig nodeAgentOf(const Spec& s) { return readFluentBitConfig(fluentBitDaemonSetConfig(s).render()); }

std::string messages(const std::vector<Diagnostic>& ds) {
  std::string out;
  for (const Diagnostic& d : ds) out += d.message + "\n";
  return out;
}

}  // namespace

TEST_CASE("stackdriver: Workload Identity by default; log per cluster, severity from level, origin labels") {
  const Spec s = testing::specFrom("spec:\n  output: {type: stackdriver}\n");
  ParsedFluentBitConfig p = sidecarOf(s);
  REQUIRE(p.problems.empty());
  const FluentBitSection& o = onlyOutput(p);
  CHECK(o.get("Name") == "stackdriver");
  CHECK(o.get("resource") == "global");
  CHECK(o.get("log_name_key") == "ray_cluster");
  CHECK(o.get("severity_key") == "level");
  CHECK(o.get("labels") ==
        "ray_cluster=${RAYLOG_CLUSTER}, namespace=${RAYLOG_NAMESPACE}, pod=${RAYLOG_POD}, "
        "ray_node_type=${RAYLOG_NODE_TYPE}, ray_group=${RAYLOG_GROUP}");
  // No key, no credentials file: the plugin asks the metadata server (stackdriver_conf.c).
  for (const char* key : {"google_service_credentials", "service_account_email", "service_account_secret",
                          "metadata_server", "export_to_project_id"})
    CHECK(o.get(key).empty());
  CHECK(outputSecrets(s.outputs).empty());

  // A node agent serves many pods: no static labels (their origin stays in jsonPayload).
  const Spec ds = testing::specFrom("spec:\n  strategy: daemonset\n  output: {type: stackdriver, projectId: my-project-1}\n");
  ParsedFluentBitConfig pd = nodeAgentOf(ds);
  REQUIRE(pd.problems.empty());
  CHECK(onlyOutput(pd).get("labels").empty());
  CHECK(onlyOutput(pd).get("export_to_project_id") == "my-project-1");
}

TEST_CASE("stackdriver: a key only as serviceAccountEmail plus privateKeySecret, the key from the Secret") {
  const Spec s = testing::specFrom(
      "spec:\n  output: {type: stackdriver, serviceAccountEmail: ray-logs@p-123456.iam.gserviceaccount.com, "
      "privateKeySecret: {name: gcp-logs, key: private_key}}\n");
  const ParsedFluentBitConfig p = sidecarOf(s);
  const FluentBitSection& o = onlyOutput(p);
  CHECK(o.get("service_account_email") == "ray-logs@p-123456.iam.gserviceaccount.com");
  CHECK(o.get("service_account_secret") == "${RAYLOG_OUT1_PRIVATE_KEY}");
  const auto secrets = outputSecrets(s.outputs);
  REQUIRE(secrets.size() == 1);
  CHECK((secrets[0].var == "RAYLOG_OUT1_PRIVATE_KEY" && secrets[0].secretName == "gcp-logs" &&
         secrets[0].secretKey == "private_key"));
  // One without the other would leave the plugin half-configured.
  CHECK_FALSE(testing::specProblems("spec:\n  output: {type: stackdriver, privateKeySecret: {name: a, key: b}}\n").empty());
  CHECK_FALSE(testing::specProblems("spec:\n  output: {type: stackdriver, serviceAccountEmail: a@b.c}\n").empty());
  CHECK_THAT(messages(testing::specProblems("spec:\n  output: {type: stackdriver, privateKey: abc}\n")),
             Catch::Contains("Secret"));
}

TEST_CASE("gcs: key file mounted from its Secret, objects per cluster and pod, buffer in the state folder") {
  const Spec s = testing::specFrom("spec:\n  output: {type: gcs, bucket: my-ray-logs, serviceAccountKeySecret: {name: gcs-key, key: sa.json}}\n");
  const ParsedFluentBitConfig p = sidecarOf(s);
  const FluentBitSection& o = onlyOutput(p);
  CHECK(o.get("Name") == "gcs");
  CHECK(o.get("bucket") == "my-ray-logs");
  CHECK(o.get("gcs_key_format") == "/ray-logs/${RAYLOG_CLUSTER}/${RAYLOG_POD}/%Y/%m/%d/%H%M%S-$UUID");
  CHECK(o.get("google_service_credentials") == "/var/run/secrets/raylog/out1/key.json");
  CHECK(o.get("store_dir") == "/tmp/ray/fluent-bit-gcs");
  CHECK(outputSecrets(s.outputs).empty());  // a file, not an environment variable
  const std::string stream = renderStream(s);
  CHECK_THAT(stream, Catch::Contains("secretName: gcs-key") && Catch::Contains("mountPath: /var/run/secrets/raylog/out1"));
  CHECK(testing::checkInvariantsFor(s, renderObjects(s)) > 0);

  const Spec ds = testing::specFrom(
      "spec:\n  strategy: daemonset\n  output: {type: gcs, bucket: my-ray-logs, serviceAccountKeySecret: {name: gcs-key, key: sa.json}}\n");
  const ParsedFluentBitConfig pd = nodeAgentOf(ds);
  CHECK(onlyOutput(pd).get("gcs_key_format") == "/ray-logs/$TAG[2]/$TAG[3]/%Y/%m/%d/%H%M%S-$UUID");
  CHECK_THAT(renderStream(ds), Catch::Contains("secretName: gcs-key") && Catch::Contains("mountPath: /var/run/secrets/raylog/out1"));
}

TEST_CASE("gcs: refused on a Fluent Bit image older than 5.1.0, where out_gcs does not exist") {
  const std::string out = "  output: {type: gcs, bucket: my-ray-logs, serviceAccountKeySecret: {name: k, key: key.json}}\n";
  auto old = testing::specProblems("spec:\n  agent: {image: fluent/fluent-bit:3.2.10}\n" + out);
  REQUIRE(old.size() == 1);
  CHECK_THAT(old[0].message, Catch::Contains("needs Fluent Bit 5.1.0 or later") && Catch::Contains("fluent/fluent-bit:3.2.10"));
  CHECK(old[0].where.line > 0);
  CHECK_FALSE(testing::specProblems("spec:\n  agent: {image: fluent/fluent-bit:5.0.9}\n" + out).empty());
  CHECK(testing::specProblems("spec:\n  agent: {image: fluent/fluent-bit:5.1.0}\n" + out).empty());
  // Without a key there is nothing to sign with: the schema says which key is missing.
  CHECK_THAT(messages(testing::specProblems("spec:\n  output: {type: gcs, bucket: my-ray-logs}\n")),
             Catch::Contains("serviceAccountKeySecret"));
}

TEST_CASE("kinesis_firehose: stream, region, timestamp; eks grants PutRecordBatch on the one stream") {
  const Spec s = testing::specFrom("spec:\n  output: {type: kinesis_firehose, region: eu-west-1, deliveryStream: ray-logs}\n");
  const ParsedFluentBitConfig p = sidecarOf(s);
  const FluentBitSection& o = onlyOutput(p);
  CHECK(o.get("Name") == "kinesis_firehose");
  CHECK(o.get("region") == "eu-west-1");
  CHECK(o.get("delivery_stream") == "ray-logs");
  CHECK(o.get("time_key") == "timestamp");
  CHECK(o.get("time_key_format") == "%Y-%m-%dT%H:%M:%S.%3NZ");
  CHECK(o.get("endpoint").empty());
  CHECK_THAT(messages(testing::specProblems("spec:\n  output: {type: kinesis_firehose, region: eu-west-1}\n")),
             Catch::Contains("deliveryStream"));

  const Spec eks = testing::specFrom(
      "spec:\n  eks: {clusterName: c1, region: us-east-2}\n  output: {type: kinesis_firehose, deliveryStream: ray-logs}\n");
  CHECK(eks.outputs[0].str("region") == "us-east-2");  // from eks.region
  const auto policy = nlohmann::json::parse(iamPolicyJson(awsAccessFor(eks)));
  REQUIRE(policy["Statement"].size() == 1);
  CHECK(policy["Statement"][0]["Action"] == nlohmann::json::array({"firehose:PutRecordBatch"}));
  CHECK(policy["Statement"][0]["Resource"] ==
        nlohmann::json::array({"arn:aws:firehose:us-east-2:*:deliverystream/ray-logs"}));
}

TEST_CASE("stackdriver, gcs, kinesis_firehose: hostile values never reach the config") {
  const std::vector<std::pair<std::string, std::string>> fields = {
      {"stackdriver", "projectId: "},
      {"stackdriver", "privateKeySecret: {name: s, key: k}, serviceAccountEmail: "},
      {"gcs", "serviceAccountKeySecret: {name: s, key: k}, bucket: "},
      {"gcs", "serviceAccountKeySecret: {name: s, key: k}, bucket: abc, keyFormat: "},
      {"gcs", "serviceAccountKeySecret: {name: s, key: k}, bucket: abc, uploadTimeout: "},
      {"gcs", "bucket: abc, serviceAccountKeySecret: {name: s, key: "},
      {"kinesis_firehose", "region: us-west-2, deliveryStream: "},
      {"kinesis_firehose", "region: us-west-2, deliveryStream: d, timeKey: "},
      {"kinesis_firehose", "region: us-west-2, deliveryStream: d, endpoint: "},
      {"kinesis_firehose", "deliveryStream: d, region: "}};
  const std::vector<std::string> hostile = {"\"x\\n[OUTPUT]\\n    Name http\"", "\"$(id)\"", "\"a b\"", "\"${HOME}\"",
                                            "\"x'; rm -rf /; '\"", "\"]\"", "\" lead\"", "\"../../etc/passwd\""};
  for (const auto& [type, prefix] : fields)
    for (const std::string& value : hostile) {
      std::string yaml = "spec:\n  output: {type: " + type + ", " + prefix + value;
      yaml += std::count(prefix.begin(), prefix.end(), '{') > std::count(prefix.begin(), prefix.end(), '}') ? "}}\n" : "}\n";
      CAPTURE(yaml);
      CHECK_FALSE(testing::specProblems(yaml).empty());
    }
}
