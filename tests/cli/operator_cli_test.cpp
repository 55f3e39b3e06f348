// Operator-wide logging through the real binary: render --operator-values, inject --operator,
// lint --operator-values (and operatorValues in .raylog-gen.yaml), their refusals and messages.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>

#include "run_process.h"

namespace {

std::string src(const std::string& rel) { return sourceDir() + "/" + rel; }
const std::string kSpec = "examples/operator-values/raylog.yaml";

std::string tempDir() {
  char tmpl[] = "/tmp/raylog-operator-XXXXXX";
  return mkdtemp(tmpl);
}

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace

TEST_CASE("render --operator-values: the values to the file, a ConfigMap per --namespace to stdout") {
  const std::string dir = tempDir();
  ProcessResult r = runProcess({raylogBinary(), "render", src(kSpec), "--operator-values", dir + "/values.yaml",
                                "--namespace", "team-a", "--namespace", "team-b", "--namespace", "team-a"});
  REQUIRE(r.exitCode == 0);
  const std::string values = slurp(dir + "/values.yaml");
  CHECK_THAT(values, Catch::Contains("configuration:\n  enabled: true\n  headSidecarContainers:") &&
                         Catch::Contains("workerSidecarContainers:") &&
                         Catch::Contains("fieldPath: metadata.labels['ray.io/group']"));
  CHECK_THAT(r.out, Catch::Contains("namespace: team-a") && Catch::Contains("namespace: team-b"));
  CHECK(r.out.find("kind: RayCluster") == std::string::npos);
  CHECK(r.out.find("namespace: team-a") == r.out.rfind("namespace: team-a"));  // once each
  // The values read back as lint's --operator-values, clean against the schema.
  ProcessResult lint = runProcess({raylogBinary(), "lint", "--operator-values", dir + "/values.yaml", "-"}, r.out);
  CHECK(lint.exitCode == 0);
}

TEST_CASE("render --operator-values refuses what the operator cannot add, with nothing written") {
  const std::string dir = tempDir();
  std::ofstream(dir + "/ds.yaml") << "apiVersion: raylog.dev/v1alpha1\nkind: RayLogging\nmetadata: {name: d}\n"
                                     "spec: {strategy: daemonset, output: {type: stdout}}\n";
  ProcessResult r = runProcess({raylogBinary(), "render", dir + "/ds.yaml", "--operator-values", dir + "/v.yaml"});
  CHECK(r.exitCode == 2);
  CHECK(r.out.empty());
  CHECK_THAT(r.err, Catch::StartsWith(dir + "/ds.yaml: error: --operator-values is for strategy sidecar"));
  CHECK(access((dir + "/v.yaml").c_str(), F_OK) != 0);
  ProcessResult ns = runProcess({raylogBinary(), "render", src(kSpec), "--operator-values", dir + "/v.yaml",
                                 "--namespace", "Team_A"});
  CHECK(ns.exitCode == 2);
  CHECK_THAT(ns.err, Catch::Contains("'Team_A' is not a namespace name"));
  ProcessResult alone = runProcess({raylogBinary(), "render", src(kSpec), "--namespace", "a"});
  CHECK(alone.exitCode == 2);
  CHECK_THAT(alone.err, Catch::Contains("--operator-values"));
}

TEST_CASE("inject --operator then lint --operator-values: RL130/RL131 before, clean after, bytes kept") {
  const std::string dir = tempDir();
  ProcessResult render = runProcess({raylogBinary(), "render", src(kSpec), "--operator-values", dir + "/values.yaml"});
  REQUIRE(render.exitCode == 0);
  const std::string plain = src("tests/inject/plain/raycluster-basic.yaml");
  ProcessResult before = runProcess({raylogBinary(), "lint", "--color=never", "--operator-values", dir + "/values.yaml", plain});
  CHECK(before.exitCode == 1);
  CHECK_THAT(before.out, Catch::Contains(plain + ":25:11: error: the operator's log agent 'fluent-bit'") &&
                             Catch::Contains("[RL131]") && Catch::Contains("[RL130]"));
  ProcessResult injected = runProcess({raylogBinary(), "inject", "--spec", src(kSpec), "--operator", plain});
  REQUIRE(injected.exitCode == 0);
  CHECK_THAT(injected.err, Catch::Contains("RayCluster/raycluster-kuberay: added the volumes the operator's fluent-bit "
                                           "sidecars mount to 2 pod template(s)"));
  CHECK(injected.out.find("image: fluent/fluent-bit") == std::string::npos);
  CHECK(injected.out.find("# A RayCluster as KubeRay's samples write it") == 0);  // the user's bytes
  ProcessResult after = runProcess({raylogBinary(), "lint", "--operator-values", dir + "/values.yaml", "-"}, injected.out);
  CHECK(after.exitCode == 0);
  // The same through .raylog-gen.yaml, the values path relative to it.
  std::ofstream(dir + "/.raylog-gen.yaml") << "operatorValues: values.yaml\n";
  ProcessResult viaConfig = runProcess({raylogBinary(), "lint", "--config", dir + "/.raylog-gen.yaml", plain});
  CHECK(viaConfig.exitCode == 1);
  CHECK_THAT(viaConfig.out, Catch::Contains("[RL130]"));
}

TEST_CASE("lint --operator-values: a values file with mistakes is exit 2 at its line, with a did-you-mean") {
  const std::string dir = tempDir();
  std::ofstream(dir + "/values.yaml") << "image: {tag: v1.7.0}\nconfiguration:\n  enabled: true\n"
                                         "  workerSidecarContainers:\n    - name: fluent-bit\n      volumeMount: []\n";
  ProcessResult r = runProcess({raylogBinary(), "lint", "--operator-values", dir + "/values.yaml",
                                src("tests/inject/plain/raycluster-basic.yaml")});
  CHECK(r.exitCode == 2);
  CHECK(r.out.empty());
  CHECK_THAT(r.err, Catch::Contains(dir + "/values.yaml:6:7: error:") && Catch::Contains("volumeMounts"));
}

TEST_CASE("lint --fix with --operator-values mends a cluster as inject --operator does") {
  const std::string dir = tempDir();
  std::ofstream(dir + "/c.yaml") << slurp(src("tests/inject/plain/raycluster-basic.yaml"));
  ProcessResult r = runProcess({raylogBinary(), "lint", "--fix", "--spec", src(kSpec), "--operator-values",
                                src("examples/operator-values/operator-values.yaml"), dir + "/c.yaml"});
  CHECK(r.exitCode == 0);
  CHECK_THAT(r.err, Catch::Contains("added the volumes the operator's fluent-bit sidecars mount"));
  const std::string fixed = slurp(dir + "/c.yaml");
  CHECK_THAT(fixed, Catch::Contains("name: fluent-bit-config"));
  CHECK(fixed.find("image: fluent/fluent-bit") == std::string::npos);
}
