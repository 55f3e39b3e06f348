// Operator-wide logging (render --operator-values, inject --operator, lint --operator-values):
// the values validate against KubeRay's Configuration fields, carry the same agent render puts in
// a pod, and the clusters inject wires for them lint clean, assembled as the operator would too.
#include <catch2/catch.hpp>
#include <boost/filesystem.hpp>
#include <fstream>
#include <memory>
#include <set>

#include "inject/inject.h"
#include "k8s/manifests.h"
#include "k8s/operator_config.h"
#include "k8s/ray_object.h"
#include "lint/linter.h"
#include "pieces/operator_pieces.h"
#include "render/operator_values.h"
#include "render/render.h"
#include "spec/spec_loader.h"
#include "test_helpers.h"
#include "yaml/source_file.h"
#include "yaml/yaml_emit.h"

using namespace raylog;
namespace fs = boost::filesystem;

namespace {

const std::string kExample = std::string(RAYLOG_SOURCE_DIR) + "/examples/operator-values/raylog.yaml";
const std::string kPlain = std::string(RAYLOG_SOURCE_DIR) + "/tests/inject/plain";

std::shared_ptr<const OperatorSidecars> sidecarsOf(const std::string& valuesText) {
  const fs::path tmp = fs::temp_directory_path() / fs::unique_path("raylog-operator-%%%%%%.yaml");
  { std::ofstream(tmp.string()) << valuesText; }
  auto out = std::make_shared<const OperatorSidecars>(readOperatorValues(tmp.string()));
  fs::remove(tmp);
  return out;
}

std::set<std::string> findingIds(const std::string& text, const std::shared_ptr<const OperatorSidecars>& sidecars,
                                 lint::Severity atLeast = lint::Severity::Warning) {
  lint::LintOptions o;
  o.operatorSidecars = sidecars;
  std::set<std::string> out;
  for (const lint::Finding& f : lint::lintText(text, o).findings)
    if (f.severity >= atLeast) out.insert(f.ruleId + " " + f.message);
  return out;
}

// Every Ray pod template of `objects` with the sidecars appended, as the operator does
// (raycluster_controller.go buildHeadPod/buildWorkerPod, v1.7.0).
std::string assembled(std::vector<YAML::Node> objects, const OperatorSidecars& sidecars) {
  for (YAML::Node& o : objects)
    for (RayPodTemplateRef& ref : rayPodTemplates(o))
      for (const YAML::Node& c : sidecars.forType(ref.type)) ref.tmpl.containers().push_back(YAML::Clone(c));
  return emitStream(objects);
}

}  // namespace

TEST_CASE("operator values: valid against KubeRay's Configuration fields, the agent render puts in a pod") {
  const Spec spec = loadSpecFile(kExample);
  REQUIRE(operatorRouteProblems(spec).empty());
  const std::string text = operatorValuesText(spec);
  CHECK(operatorValuesProblems(text, "values.yaml").empty());
  const YAML::Node values = YAML::Load(text)["configuration"];
  CHECK(values["enabled"].as<bool>());
  CHECK(values["defaultPodLabels"]["team"].Scalar() == "ml-platform");
  // The head's sidecar is the one a per-resource render puts in the head (classic: the operator
  // appends to containers) but for its owner, which it reads from the pod (one sidecar serves
  // every cluster); the workers' reads its group from the pod's ray.io/group label.
  const YAML::Node rendered = renderObjects(spec).back();
  YAML::Node headSidecar = YAML::Clone(rendered["spec"]["headGroupSpec"]["template"]["spec"]["containers"][1]);
  const YAML::Node operatorHead = values["headSidecarContainers"][0];
  headSidecar["env"] = YAML::Clone(operatorHead["env"]);
  CHECK(emitDocument(operatorHead) == emitDocument(headSidecar));
  CHECK(findByName(operatorHead["env"], "RAYLOG_OWNER_KIND")["value"].Scalar() == "RayCluster");
  CHECK(findByName(operatorHead["env"], "RAYLOG_OWNER_NAME")["valueFrom"]["fieldRef"]["fieldPath"].Scalar() ==
        "metadata.labels['ray.io/cluster']");
  CHECK(findByName(rendered["spec"]["headGroupSpec"]["template"]["spec"]["containers"][1]["env"], "RAYLOG_OWNER_NAME")["value"]
            .Scalar() == spec.name);
  const YAML::Node group = findByName(values["workerSidecarContainers"][0]["env"], "RAYLOG_GROUP");
  CHECK(group["valueFrom"]["fieldRef"]["fieldPath"].Scalar() == "metadata.labels['ray.io/group']");
  CHECK(operatorValuesText(spec) == text);  // deterministic
}

TEST_CASE("operator values: a user's values file is checked against the Configuration fields") {
  const std::string good = operatorValuesText(loadSpecFile(kExample));
  std::string typo = good;
  typo.replace(typo.find("volumeMounts:"), 13, "volumeMount:");
  const auto problems = operatorValuesProblems(typo, "values.yaml");
  REQUIRE_FALSE(problems.empty());
  CHECK_THAT(problems.front().message, Catch::Contains("volumeMount") && Catch::Contains("volumeMounts"));
  CHECK(problems.front().where.line > 1);
  std::string off = good;
  off.replace(off.find("enabled: true"), 13, "enabled: false");
  CHECK_THAT(operatorValuesProblems(off, "values.yaml").at(0).message, Catch::Contains("enabled is not true"));
  CHECK_THAT(operatorValuesProblems("configuration:\n  headSidecarContainer: []\n  enabled: true\n", "v.yaml").at(0).message,
             Catch::Contains("headSidecarContainers"));
}

TEST_CASE("operator route: lint(render --operator-values) is clean, with and without the values") {
  const Spec spec = loadSpecFile(kExample);
  const auto sidecars = sidecarsOf(operatorValuesText(spec));
  const std::string stream = operatorStream(spec, {});
  CHECK(findingIds(stream, sidecars).empty());
  CHECK(findingIds(stream, nullptr).empty());
  // Assembled as the operator would, the pods lint clean as per-resource ones do.
  CHECK(findingIds(assembled(operatorObjects(spec, {}), *sidecars), nullptr).empty());
  // With namespaces: the ConfigMap once in each, nothing else.
  const auto objects = operatorObjects(spec, {"team-a", "team-b"});
  REQUIRE(objects.size() == 2);
  CHECK(objects[0]["metadata"]["namespace"].Scalar() == "team-a");
  CHECK(objects[1]["metadata"]["namespace"].Scalar() == "team-b");
  CHECK(objects[1]["kind"].Scalar() == "ConfigMap");
}

TEST_CASE("inject --operator adds only the volumes and the mount, idempotently, and lints clean") {
  const Spec spec = loadSpecFile(kExample);
  const auto sidecars = sidecarsOf(operatorValuesText(spec));
  for (const auto& e : fs::directory_iterator(kPlain)) {
    const std::string path = e.path().string();
    CAPTURE(path);
    const std::string before = readInputFile(path);
    CHECK_FALSE(findingIds(before, sidecars, lint::Severity::Error).empty());  // RL130/RL131 before
    const auto docs = parseManifests(before, path);
    const InjectResult r = injectLogging(spec, docs, true);
    const std::string once = injectedStream(docs, r);
    CHECK(findingIds(once, sidecars).empty());
    auto configMaps = [](const std::string& t) {
      size_t n = 0;
      for (size_t at = t.find("kind: ConfigMap"); at != std::string::npos; at = t.find("kind: ConfigMap", at + 1)) ++n;
      return n;
    };
    CHECK(configMaps(once) == configMaps(before));  // render --operator-values writes the agent's
    CHECK(once.find("image: fluent/fluent-bit") == std::string::npos);  // the operator adds the agent
    const auto docs2 = parseManifests(once, path);
    CHECK(injectedStream(docs2, injectLogging(spec, docs2, true)) == once);
    // The pods the operator builds from them lint clean without the values: the same pieces.
    CHECK(findingIds(assembled(r.objects, *sidecars), nullptr, lint::Severity::Error).empty());
  }
}

TEST_CASE("inject --operator takes raylog-gen's own per-resource sidecar out, and refuses another agent") {
  const Spec spec = loadSpecFile(kExample);
  const std::string plain = readInputFile(kPlain + "/raycluster-basic.yaml");
  const auto docs = parseManifests(plain, "in.yaml");
  const std::string perResource = injectedStream(docs, injectLogging(spec, docs));
  const auto docs2 = parseManifests(perResource, "in.yaml");
  const std::string switched = emitStream(injectLogging(spec, docs2, true).objects);
  CHECK(switched.find("image: fluent/fluent-bit") == std::string::npos);
  CHECK(switched.find("fluent-bit-config") != std::string::npos);
  const auto agentDocs = parseManifests(
      "apiVersion: ray.io/v1\nkind: RayCluster\nmetadata: {name: c}\nspec:\n  headGroupSpec:\n    template:\n"
      "      spec:\n        containers:\n          - {name: ray-head, image: rayproject/ray:2.52.0}\n"
      "          - {name: fluentbit, image: fluent/fluent-bit:5.1.1}\n",
      "guide.yaml");
  CHECK_THROWS_WITH(injectLogging(spec, agentDocs, true), Catch::Contains("beside the one the operator appends"));
}

TEST_CASE("operator route: what the operator cannot add is refused with the reason") {
  auto problems = [](const std::string& body) { return operatorRouteProblems(testing::specFrom(body)); };
  CHECK_THAT(problems("spec: {strategy: daemonset, output: {type: stdout}}").at(0), Catch::Contains("DaemonSet"));
  CHECK_THAT(problems("spec: {strategy: stderr}").at(0), Catch::Contains("no agent"));
  CHECK_THAT(problems("spec: {agent: {type: fluentd}, output: {type: stdout}}").at(0), Catch::Contains("fluent-bit"));
  CHECK_THAT(problems("spec: {agent: {sidecarMode: native}, output: {type: stdout}}").at(0), Catch::Contains("classic"));
  CHECK_THAT(problems("spec: {agent: {graceSeconds: 25}, output: {type: stdout}}").at(0), Catch::Contains("grace"));
  CHECK(problems("spec: {kind: RayJob, rayJob: {entrypoint: python x.py}, output: {type: stdout}}").empty());
}
