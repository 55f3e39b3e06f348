// The smaller things a new user runs into, each through the real binary with the message, line
// and column they see: findings at a config key's column, every spec error at once, tabs and
// unclosed quotes named where they are, rule names forgiving, specs linted as render checks
// them, stdin named, --out-dir without stale files, KRM quiet when nothing changed.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

#include "run_process.h"

namespace {

std::string src(const std::string& rel) { return sourceDir() + "/" + rel; }

std::string readAll(const std::string& path) {
  std::ifstream in(path);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

bool exists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

std::string tempDir() {
  char tmpl[] = "/tmp/raylog-small-XXXXXX";
  return mkdtemp(tmpl);
}

void replaceAll(std::string& s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("findings inside a Fluent Bit config point at the key's column, read from the file") {
  const std::string sample = src("tests/corpus/kuberay-v1.7.0/samples/ray-cluster.fluentbit.yaml");
  ProcessResult r = runProcess({raylogBinary(), "lint", sample});
  CHECK_THAT(r.out, Catch::Contains(sample + ":69:9: error: Path_Key true stores the file path under a key called "
                                             "\"true\" [RL204]"));
  CHECK_THAT(r.out, Catch::Contains(sample + ":65:5: warning: tail has no DB"));  // a section: its header

  // A block indented further than two under its key: the column comes from the text.
  const std::string dir = tempDir();
  std::ofstream(dir + "/cm.yaml") << "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: fb}\ndata:\n"
                                     "  fluent-bit.conf: |\n\n      [INPUT]\n          Name tail\n"
                                     "          Path /tmp/ray/session_latest/logs/*\n          Path_Key true\n";
  ProcessResult deep = runProcess({raylogBinary(), "lint", dir + "/cm.yaml"});
  CHECK_THAT(deep.out, Catch::Contains(dir + "/cm.yaml:10:11: error: Path_Key true") &&
                           Catch::Contains(dir + "/cm.yaml:7:7: warning: tail has no DB"));
  std::system(("rm -rf '" + dir + "'").c_str());
}

TEST_CASE("an inline secret in a spec does not hide its other errors") {
  const std::string dir = tempDir();
  std::ofstream(dir + "/spec.yaml") << "apiVersion: raylog.dev/v1alpha1\nkind: RayLogging\nmetadata:\n  name: demo\n"
                                       "spec:\n  output: {type: loki, host: loki, password: hunter2}\n  workerGroups:\n"
                                       "    - {name: cpu, replicas: 1, minReplicas: 3}\n";
  ProcessResult semantic = runProcess({raylogBinary(), "render", dir + "/spec.yaml"});
  CHECK(semantic.exitCode == 2);
  CHECK(semantic.out.empty());
  CHECK_THAT(semantic.err, Catch::StartsWith(dir + "/spec.yaml:6:36: error: 'password' would put a credential into the "
                                                   "agent's ConfigMap") &&
                               Catch::Contains("\n" + dir + "/spec.yaml:8:45: error: minReplicas (3) is greater than "
                                               "replicas (1); lower minReplicas or raise replicas"));
  const std::string schema = src("tests/lint/fixtures/RL002/bad.yaml");
  ProcessResult both = runProcess({raylogBinary(), "render", schema});
  CHECK(both.exitCode == 2);
  CHECK_THAT(both.err, Catch::StartsWith(schema + ":11:5: error: 'password' would put a credential") &&
                           Catch::Contains(schema + ":14:7: error: unknown key 'replica' in spec.workerGroups[0] (did "
                                                    "you mean 'replicas'?)"));
  std::system(("rm -rf '" + dir + "'").c_str());
}

TEST_CASE("a tab in indentation is reported at the tab, and named") {
  const std::string fixture = src("tests/lint/fixtures/RL001/bad-tab.yaml");
  ProcessResult lint = runProcess({raylogBinary(), "lint", fixture});
  CHECK(lint.exitCode == 1);
  CHECK_THAT(lint.out, Catch::Contains(fixture + ":6:1: error: invalid YAML: tabs are not allowed for indentation; use "
                                                 "spaces [RL001]"));
  // After spaces, in a spec: render says the same at the tab's column.
  ProcessResult render = runProcess({raylogBinary(), "render", "-"},
                                    "apiVersion: raylog.dev/v1alpha1\nkind: RayLogging\nmetadata:\n  name: demo\n"
                                    "spec:\n  output:\n  \ttype: stdout\n");
  CHECK(render.exitCode == 2);
  CHECK(render.err == "<stdin>:7:3: error: invalid YAML: tabs are not allowed for indentation; use spaces\n");
  // Tabs inside values, block scalars and comments are the text's own.
  CHECK(runProcess({raylogBinary(), "lint", src("tests/lint/fixtures/RL001/good-quotes-and-tabs.yaml")}).exitCode == 0);
}

TEST_CASE("an unclosed quote is an error at the quote, not a value that swallows the next lines") {
  const std::string fixture = src("tests/lint/fixtures/RL001/bad-unterminated-quote.yaml");
  ProcessResult lint = runProcess({raylogBinary(), "lint", fixture});
  CHECK(lint.exitCode == 1);
  CHECK_THAT(lint.out, Catch::Contains(fixture + ":5:9: error: invalid YAML: the quote that starts here is not closed "
                                                 "(line 6 is not indented under it); add the closing \" [RL001]"));
  ProcessResult eof = runProcess({raylogBinary(), "render", "-"},
                                 "apiVersion: raylog.dev/v1alpha1\nkind: RayLogging\nmetadata:\n  name: 'demo\n");
  CHECK(eof.exitCode == 2);
  CHECK(eof.err == "<stdin>:4:9: error: invalid YAML: the quote that starts here is never closed; add the closing '\n");
}

TEST_CASE("rule names: did-you-mean for IDs and names everywhere, any case, comma lists") {
  const std::string guide = src("tests/lint/guide-style.yaml");
  ProcessResult name = runProcess({raylogBinary(), "lint", "--disable", "tail-path-key-mising", guide});
  CHECK(name.exitCode == 2);
  CHECK(name.err == "raylog-gen: error: --disable: unknown rule 'tail-path-key-mising' (did you mean "
                    "'tail-path-key-missing'?); `raylog-gen rules` lists them\n");
  ProcessResult explain = runProcess({raylogBinary(), "explain", "tail-path-key-boolen"});
  CHECK(explain.exitCode == 2);
  CHECK_THAT(explain.err, Catch::Contains("did you mean 'tail-path-key-boolean'?"));
  CHECK_THAT(runProcess({raylogBinary(), "explain", "rl204"}).out, Catch::StartsWith("RL204 tail-path-key-boolean"));
  ProcessResult listed = runProcess({raylogBinary(), "lint", "--disable", "RL207,TAIL-WITHOUT-MEMORY-LIMIT", guide});
  CHECK_FALSE(Catch::Contains("[RL207]").match(listed.out));
  CHECK_FALSE(Catch::Contains("[RL208]").match(listed.out));

  const std::string dir = tempDir();
  std::ofstream(dir + "/cfg.yaml") << "disable: [rl204, tail-path-key-mising]\nfailOn: warnign\n";
  ProcessResult cfg = runProcess({raylogBinary(), "lint", "--config", dir + "/cfg.yaml", guide});
  CHECK(cfg.exitCode == 2);
  CHECK_THAT(cfg.err, Catch::Contains(dir + "/cfg.yaml:1:18: error: unknown rule 'tail-path-key-mising' (did you mean "
                                            "'tail-path-key-missing'?)") &&
                          Catch::Contains(dir + "/cfg.yaml:2:9: error: failOn is 'warnign' (did you mean 'warning'?); "
                                                "use error, warning or info"));
  ProcessResult failOn = runProcess({raylogBinary(), "lint", "--fail-on", "warnign", guide});
  CHECK(failOn.exitCode == 2);
  CHECK_THAT(failOn.err, Catch::Contains("--fail-on is 'warnign' (did you mean 'warning'?)"));
  std::system(("rm -rf '" + dir + "'").c_str());
}

TEST_CASE("lint checks RayLogging specs with the messages render gives, so a spec with errors is not clean") {
  const std::string spec = src("tests/lint/fixtures/RL002/bad.yaml");
  ProcessResult lint = runProcess({raylogBinary(), "lint", spec});
  CHECK(lint.exitCode == 1);
  ProcessResult render = runProcess({raylogBinary(), "render", spec});
  REQUIRE(render.exitCode == 2);
  std::stringstream lines(render.err);
  int seen = 0;
  for (std::string line; std::getline(lines, line); ++seen) CHECK_THAT(lint.out, Catch::Contains(line + " [RL002]"));
  CHECK(seen == 2);
  CHECK(runProcess({raylogBinary(), "lint", src("examples/output-elasticsearch/raylog.yaml")}).exitCode == 0);
}

TEST_CASE("lint --stdin-filename names standard input in text, SARIF and GitHub output") {
  const std::string guide = readAll(src("tests/lint/guide-style.yaml"));
  ProcessResult text = runProcess({raylogBinary(), "lint", "-", "--stdin-filename", "k8s/cluster.yaml"}, guide);
  CHECK(text.exitCode == 1);
  CHECK_THAT(text.out, Catch::Contains("k8s/cluster.yaml:14:9: error: Path_Key true"));
  CHECK_FALSE(Catch::Contains("<stdin>").match(text.out));
  ProcessResult sarif =
      runProcess({raylogBinary(), "lint", "--format", "sarif", "--stdin-filename", "k8s/cluster.yaml", "-"}, guide);
  CHECK_THAT(sarif.out, Catch::Contains("\"uri\": \"k8s/cluster.yaml\"") && Catch::Contains("\"startColumn\": 9"));
  CHECK_FALSE(Catch::Contains("\"uri\": \"stdin\"").match(sarif.out));
  ProcessResult gh =
      runProcess({raylogBinary(), "lint", "--format", "github", "--stdin-filename", "k8s/cluster.yaml", "-"}, guide);
  CHECK_THAT(gh.out, Catch::Contains("::error file=k8s/cluster.yaml,line=14,col=9,"));
}

TEST_CASE("render --out-dir: non-manifests out of kubectl's way, no stale files, user files untouched") {
  const std::string dir = tempDir();
  const std::string eks = src("examples/daemonset-cloudwatch-irsa/raylog.yaml");
  const std::string plain = src("examples/sidecar-stdout/raylog.yaml");
  std::ofstream(dir + "/notes.yaml") << "# mine\n";
  // A render from before the file list: its kustomization.yaml carries raylog-gen's header.
  std::ofstream(dir + "/kustomization.yaml") << "# Rendered by raylog-gen from RayLogging 'demo'. Edit the spec and "
                                                "render again instead of editing this file.\nkind: Kustomization\n";
  ProcessResult first = runProcess({raylogBinary(), "render", eks, "--out-dir", dir});
  REQUIRE(first.exitCode == 0);
  CHECK_THAT(first.err, Catch::Contains("raylog-gen: wrote " + dir + "/eks/iam-policy.json\n") &&
                            Catch::Contains("raylog-gen: removed " + dir + "/kustomization.yaml (an earlier render wrote "
                                            "it; this one does not)\n"));
  CHECK(exists(dir + "/Kustomization"));
  CHECK(exists(dir + "/eks/eks-setup.sh"));
  CHECK_FALSE(exists(dir + "/iam-policy.json"));  // kubectl apply -f DIR reads *.json
  CHECK_FALSE(exists(dir + "/kustomization.yaml"));

  // The next render writes fewer groups: the rest go, except a file edited since.
  std::ofstream(dir + "/rbac.yaml", std::ios::app) << "# edited by hand\n";
  ProcessResult second = runProcess({raylogBinary(), "render", plain, "--out-dir", dir});
  REQUIRE(second.exitCode == 0);
  CHECK_THAT(second.err, Catch::Contains("raylog-gen: removed " + dir + "/daemonset.yaml (an earlier render wrote it; "
                                         "this one does not)") &&
                             Catch::Contains("raylog-gen: kept " + dir + "/rbac.yaml: an earlier render wrote it and this "
                                             "one does not, but it was edited since; delete it if it is no longer needed"));
  CHECK_FALSE(exists(dir + "/daemonset.yaml"));
  CHECK_FALSE(exists(dir + "/eks"));
  CHECK(exists(dir + "/rbac.yaml"));
  CHECK(readAll(dir + "/notes.yaml") == "# mine\n");
  CHECK(readAll(dir + "/.raylog-gen-files").find("rbac.yaml") == std::string::npos);  // the user's now
  CHECK_THAT(readAll(dir + "/Kustomization"), Catch::Contains("resources:\n  - configmaps.yaml\n  - raycluster.yaml\n"));
  std::system(("rm -rf '" + dir + "'").c_str());
}

TEST_CASE("KRM: items that already carry the spec's logging are not reported as updated") {
  const std::string input = readAll(src("tests/krm/transform.input.yaml"));
  ProcessResult first = runProcess({raylogBinary(), "krm"}, input);
  REQUIRE(first.exitCode == 0);
  // What kustomize hands the function next time: its annotations on every item, and its own
  // quoting (a plain 50m where raylog-gen wrote "50m").
  std::string again = first.out.substr(0, first.out.find("results:"));
  again += input.substr(input.find("functionConfig:"));
  replaceAll(again, "\"50m\"", "50m");
  replaceAll(again, "\"64Mi\"", "64Mi");
  replaceAll(again, "      name: c-fluent-bit\n", "      name: c-fluent-bit\n      annotations:\n"
                                                 "        config.kubernetes.io/index: \"1\"\n"
                                                 "        internal.config.kubernetes.io/path: c-fluent-bit.yaml\n");
  REQUIRE(again.find("internal.config.kubernetes.io/path: c-fluent-bit.yaml") != std::string::npos);
  ProcessResult second = runProcess({raylogBinary(), "krm"}, again);
  CHECK(second.exitCode == 0);
  CHECK_THAT(second.out, Catch::Contains("  - message: \"RayCluster/c: logging already up to date\"\n    severity: info\n"));
  CHECK_FALSE(Catch::Contains("updated").match(second.out));
  CHECK_FALSE(Catch::Contains("added").match(second.out));
  CHECK_THAT(second.out, Catch::Contains("internal.config.kubernetes.io/path: c-fluent-bit.yaml"));  // kept
}

TEST_CASE("RL106: KubeRay flag-configured collector sample has its hook, only its real findings remain") {
  const std::string sample = src("tests/corpus/kuberay-v1.6.2/historyserver/raycluster.yaml");
  ProcessResult r = runProcess({raylogBinary(), "lint", sample});
  CHECK_FALSE(Catch::Contains("[RL106]").match(r.out));
  CHECK_THAT(r.out, Catch::Contains(sample + ":50:19: error: postStart hook uses grep -P, which is missing from many "
                                             "images [RL107]"));
  ProcessResult bad = runProcess({raylogBinary(), "lint", src("tests/lint/fixtures/RL106/bad.yaml")});
  CHECK_THAT(bad.out, Catch::Contains("[RL106]"));
}
