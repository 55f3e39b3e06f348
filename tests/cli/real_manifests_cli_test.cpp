// lint and inject on manifests as people write them: no false alarms on KubeRay's own samples,
// templates refused with what to do, fixes that fix, per-object sidecar mode, agent conflicts.
// Each case names the message, line and column the user sees.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "run_process.h"

namespace {

std::string src(const std::string& rel) { return sourceDir() + "/" + rel; }
std::string fixture(const std::string& rel) { return src("tests/lint/fixtures/" + rel); }

std::string readAll(const std::string& path) {
  std::ifstream in(path);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::string tempDir() {
  char tmpl[] = "/tmp/raylog-real-XXXXXX";
  return mkdtemp(tmpl);
}

const std::string kFluentBitSpec = src("examples/sidecar-stdout/raylog.yaml");

}  // namespace

TEST_CASE("RL113: switches, numbers, empty values and references are not inline secrets") {
  CHECK(runProcess({raylogBinary(), "lint", fixture("RL113/good-not-secrets.yaml")}).exitCode == 0);
  ProcessResult bad = runProcess({raylogBinary(), "lint", fixture("RL113/bad-mixed.yaml")});
  CHECK(bad.exitCode == 1);
  CHECK_THAT(bad.out, Catch::Contains("bad-mixed.yaml:16:44: error: environment variable ES_PASSWORD has its secret "
                                      "value inline [RL113]"));
  CHECK_FALSE(Catch::Contains("RAY_ENABLE_K8S_TOKEN_AUTH").match(bad.out));
}

TEST_CASE("RL103: volumes KubeRay's operator adds count as defined, under the operator's conditions") {
  CHECK(runProcess({raylogBinary(), "lint", fixture("RL103/good-operator-volumes.yaml")}).exitCode == 0);
  ProcessResult token = runProcess({raylogBinary(), "lint", fixture("RL103/bad-ray-token-without-k8s-auth.yaml")});
  CHECK(token.exitCode == 1);
  CHECK_THAT(token.out, Catch::Contains("bad-ray-token-without-k8s-auth.yaml:20:19: error: volumeMount 'ray-token' of "
                                        "container 'sidecar' names no volume of this pod (KubeRay adds 'ray-token' only "
                                        "when authOptions.mode: token and authOptions.enableK8sTokenAuth: true) [RL103]"));
  ProcessResult logs = runProcess({raylogBinary(), "lint", fixture("RL103/bad-worker-autoscaler-logs.yaml")});
  CHECK_THAT(logs.out, Catch::Contains("bad-worker-autoscaler-logs.yaml:24:19: error: volumeMount 'ray-logs' of container "
                                       "'ray-worker' names no volume of this pod (KubeRay adds 'ray-logs' only when "
                                       "enableInTreeAutoscaling: true (head)"));
}

TEST_CASE("RL111: an envsubst placeholder is unresolved, not unpinned") {
  ProcessResult r = runProcess({raylogBinary(), "lint", "--fail-on", "warning", fixture("RL111/bad-placeholder.yaml")});
  CHECK(r.exitCode == 1);
  CHECK_THAT(r.out, Catch::Contains("bad-placeholder.yaml:18:20: warning: agent image '${COLLECTOR_IMAGE}' is an "
                                    "unresolved placeholder (${COLLECTOR_IMAGE}); substitute it (envsubst)"));
  CHECK_FALSE(Catch::Contains("not pinned").match(r.out));
}

TEST_CASE("RL213 and the render header: envsubst over raylog-gen's output blanks the agent's ${VAR}s") {
  ProcessResult r = runProcess({raylogBinary(), "lint", fixture("RL213/bad.yaml")});
  CHECK(r.exitCode == 1);
  CHECK_THAT(r.out, Catch::Contains("RL213/bad.yaml:47:9: error: Record ray_cluster has no value; if envsubst ran over "
                                    "this file it blanked a ${VAR}"));
  ProcessResult render = runProcess({raylogBinary(), "render", kFluentBitSpec});
  CHECK_THAT(render.out, Catch::Contains("# The ${...} below are filled in by the log agent from its environment when it "
                                         "starts. Do not\n# run envsubst over this file"));
}

TEST_CASE("RL116: a classic shipping sidecar in a RayJob that deletes its cluster") {
  ProcessResult r = runProcess({raylogBinary(), "lint", fixture("RL116/bad.yaml")});
  CHECK(r.exitCode == 0);  // a warning
  CHECK_THAT(r.out, Catch::Contains("RL116/bad.yaml:19:15: warning: log agent 'fluent-bit' is a classic sidecar, and this "
                                    "RayJob deletes its cluster when the job ends (shutdownAfterJobFinishes: true)"));
}

TEST_CASE("Go/Helm templates: exit 2 with what to do, never parsed or rewritten") {
  const std::string dir = tempDir();
  const std::string tmpl = "apiVersion: ray.io/v1\nkind: RayCluster\nmetadata:\n  name: {{ .Release.Name }}\n"
                           "  # a value in quotes is text: \"{{ not a problem }}\"\nspec:\n"
                           "{{- include \"ray.head\" . | nindent 2 }}\n";
  std::ofstream(dir + "/chart.yaml") << tmpl;
  ProcessResult lint = runProcess({raylogBinary(), "lint", dir + "/chart.yaml"});
  CHECK(lint.exitCode == 2);
  CHECK_THAT(lint.err, Catch::StartsWith(dir + "/chart.yaml:4:9: error: Go/Helm template syntax '{{'") &&
                           Catch::Contains("helm template RELEASE CHART | raylog-gen lint -") && Catch::Contains("envsubst"));
  ProcessResult inject = runProcess({raylogBinary(), "inject", "--spec", kFluentBitSpec, dir + "/chart.yaml"});
  CHECK(inject.exitCode == 2);
  CHECK(inject.out.empty());
  CHECK_THAT(inject.err, Catch::StartsWith(dir + "/chart.yaml:4:9: error: Go/Helm template syntax"));
  ProcessResult fix = runProcess({raylogBinary(), "lint", "--fix", "--spec", kFluentBitSpec, dir + "/chart.yaml"});
  CHECK(fix.exitCode == 2);
  CHECK(readAll(dir + "/chart.yaml") == tmpl);
  // Quoted and block-scalar text may hold {{ }}: it is the value's own.
  std::ofstream(dir + "/quoted.yaml") << "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: alerts}\ndata:\n"
                                         "  a: \"{{ $labels.instance }}\"\n  b: |\n    {{ range . }}\n";
  CHECK(runProcess({raylogBinary(), "lint", dir + "/quoted.yaml"}).exitCode == 0);
  std::system(("rm -rf '" + dir + "'").c_str());
}

TEST_CASE("inject picks the sidecar mode per object: RayJob native, RayCluster classic, unless the spec says") {
  const std::string job = readAll(src("tests/inject/plain/rayjob.yaml"));
  ProcessResult r = runProcess({raylogBinary(), "inject", "--spec", kFluentBitSpec}, job);  // spec kind RayCluster
  CHECK(r.exitCode == 0);
  CHECK_THAT(r.out, Catch::Contains("initContainers:") && Catch::Contains("restartPolicy: Always"));
  CHECK_THAT(r.err, Catch::Contains("RayJob/pi: added fluent-bit logging to 2 pod template(s) (head and 1 worker "
                                    "group(s)), native sidecars"));
  CHECK(runProcess({raylogBinary(), "lint", "-"}, r.out).out.find("RL116") == std::string::npos);

  const std::string cluster = readAll(src("tests/inject/plain/raycluster-basic.yaml"));
  ProcessResult c = runProcess({raylogBinary(), "inject", "--spec", src("examples/rayjob/raylog.yaml")}, cluster);
  CHECK(c.exitCode == 0);
  CHECK_FALSE(Catch::Contains("restartPolicy: Always").match(c.out));

  const std::string dir = tempDir();
  std::ofstream(dir + "/classic.yaml") << readAll(kFluentBitSpec) << "  agent: {sidecarMode: classic}\n";
  ProcessResult given = runProcess({raylogBinary(), "inject", "--spec", dir + "/classic.yaml"}, job);
  CHECK(given.exitCode == 0);
  CHECK_FALSE(Catch::Contains("restartPolicy: Always").match(given.out));
  std::system(("rm -rf '" + dir + "'").c_str());
}

TEST_CASE("inject: any log agent already there is a conflict, pointed at its container") {
  const std::string dir = tempDir();
  std::ofstream(dir + "/c.yaml") << "apiVersion: ray.io/v1\nkind: RayCluster\nmetadata: {name: c}\nspec:\n"
                                    "  headGroupSpec:\n    template:\n      spec:\n        containers:\n"
                                    "          - {name: ray-head, image: 'rayproject/ray:2.46.0'}\n"
                                    "          - name: fluentbit\n            image: fluent/fluent-bit:3.2.10\n";
  std::string fluentd = readAll(src("examples/fluentd-elasticsearch/raylog.yaml"));
  for (const std::string& spec : {kFluentBitSpec, src("examples/fluentd-elasticsearch/raylog.yaml")}) {
    CAPTURE(spec);
    ProcessResult r = runProcess({raylogBinary(), "inject", "--spec", spec, dir + "/c.yaml"});
    CHECK(r.exitCode == 2);
    CHECK(r.out.empty());
    CHECK_THAT(r.err, Catch::StartsWith(dir + "/c.yaml:10:13: error: RayCluster/c spec.headGroupSpec.template: the pod "
                                              "template already runs a log agent (Fluent Bit) in container 'fluentbit'"));
  }
  std::system(("rm -rf '" + dir + "'").c_str());
}

TEST_CASE("inject: no ConfigMaps for objects without pods; the previous agent's ConfigMap goes after a switch") {
  const std::string selector = "apiVersion: ray.io/v1\nkind: RayJob\nmetadata: {name: on-shared}\nspec:\n"
                               "  entrypoint: python -c 'print(1)'\n  clusterSelector: {ray.io/cluster: shared}\n";
  ProcessResult r = runProcess({raylogBinary(), "inject", "--spec", kFluentBitSpec}, selector);
  CHECK(r.exitCode == 0);
  CHECK_FALSE(Catch::Contains("kind: ConfigMap").match(r.out));
  CHECK_THAT(r.err, Catch::Contains("RayJob/on-shared: no pod templates found; left unchanged"));

  const std::string dir = tempDir();
  std::string fluentd = readAll(src("examples/fluentd-elasticsearch/raylog.yaml"));
  fluentd.replace(fluentd.find("name: efk-fluentd"), 17, "name: demo");
  std::ofstream(dir + "/fluentd.yaml") << fluentd;
  ProcessResult first = runProcess({raylogBinary(), "inject", "--spec", kFluentBitSpec},
                                   readAll(src("tests/inject/plain/raycluster-basic.yaml")));
  REQUIRE(first.exitCode == 0);
  CHECK_THAT(first.out, Catch::Contains("name: demo-fluent-bit"));
  ProcessResult second = runProcess({raylogBinary(), "inject", "--spec", dir + "/fluentd.yaml"}, first.out);
  CHECK(second.exitCode == 0);
  CHECK_THAT(second.out, Catch::Contains("name: demo-fluentd"));
  CHECK_FALSE(Catch::Contains("demo-fluent-bit").match(second.out));
  CHECK_THAT(second.err, Catch::Contains("ConfigMap/demo-fluent-bit: removed (raylog-gen wrote it for this spec; no pod "
                                         "mounts it any more)"));
  std::system(("rm -rf '" + dir + "'").c_str());
}

TEST_CASE("lint --fix leaves a file it cannot mend untouched, and says why") {
  const std::string dir = tempDir();
  const std::string secret = readAll(fixture("RL113/bad.yaml"));
  std::ofstream(dir + "/secret.yaml") << secret;
  ProcessResult r = runProcess({raylogBinary(), "lint", "--fix", "--spec", kFluentBitSpec, dir + "/secret.yaml"});
  CHECK(r.exitCode == 1);
  CHECK(readAll(dir + "/secret.yaml") == secret);
  CHECK_THAT(r.err, Catch::Contains("not fixed " + dir + "/secret.yaml:") && Catch::Contains("file left unchanged"));
  CHECK_THAT(r.out, Catch::Contains("secret.yaml:23:45: error: environment variable AWS_S3SECRET has its secret value inline"));
  std::system(("rm -rf '" + dir + "'").c_str());
}

TEST_CASE("rule names: case-insensitive, and --disable takes comma-separated lists") {
  ProcessResult lower = runProcess({raylogBinary(), "explain", "rl204"});
  CHECK(lower.exitCode == 0);
  CHECK_THAT(lower.out, Catch::StartsWith("RL204 tail-path-key-boolean (error)"));
  const std::string guide = src("tests/lint/guide-style.yaml");
  ProcessResult listed = runProcess({raylogBinary(), "lint", "--disable", "RL207,rl208", guide});
  CHECK_FALSE(Catch::Contains("[RL207]").match(listed.out));
  CHECK_FALSE(Catch::Contains("[RL208]").match(listed.out));
  CHECK_THAT(listed.out, Catch::Contains("[RL204]"));
  ProcessResult typo = runProcess({raylogBinary(), "lint", "--disable", "RL207,RL2O8", guide});
  CHECK(typo.exitCode == 2);
  CHECK_THAT(typo.err, Catch::Contains("unknown rule 'RL2O8'") && Catch::Contains("did you mean 'RL208'"));
}
