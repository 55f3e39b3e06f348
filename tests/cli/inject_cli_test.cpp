// inject, plugin install and the exec-plugin mode, through the real binary.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>

#include "run_process.h"

namespace {

std::string example(const std::string& rel) { return sourceDir() + "/" + rel; }

std::string tempDir() {
  char tmpl[] = "/tmp/raylog-inject-XXXXXX";
  return mkdtemp(tmpl);
}

}  // namespace

TEST_CASE("inject reads stdin, writes the stream to stdout and a summary to stderr") {
  std::ifstream in(example("tests/inject/plain/rayjob.yaml"));
  std::string manifest((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ProcessResult r = runProcess({raylogBinary(), "inject", "--spec", example("examples/sidecar-stdout/raylog.yaml")}, manifest);
  CHECK(r.exitCode == 0);
  CHECK_THAT(r.out, Catch::Contains("kind: RayJob") && Catch::Contains("name: fluent-bit") &&
                        Catch::Contains("kind: ConfigMap"));
  CHECK_THAT(r.err, Catch::Contains("RayJob/pi: added fluent-bit logging to 2 pod template(s)"));
  CHECK_FALSE(Catch::Contains("not kept").match(r.err));

  ProcessResult again = runProcess({raylogBinary(), "inject", "--spec", example("examples/sidecar-stdout/raylog.yaml"), "-"}, r.out);
  CHECK(again.exitCode == 0);
  CHECK(again.out == r.out);
  CHECK_THAT(again.err, Catch::Contains("already up to date"));
}

TEST_CASE("inject on a directory reads every YAML file below it, in sorted order") {
  ProcessResult r = runProcess({raylogBinary(), "inject", "--spec", example("examples/sidecar-stdout/raylog.yaml"),
                                example("tests/inject/plain")});
  CHECK(r.exitCode == 0);
  auto job = r.out.find("kind: RayJob"), cluster = r.out.find("kind: RayCluster"), list = r.out.find("kind: List");
  CHECK(cluster < job);
  CHECK(job < list);
}

TEST_CASE("inject errors: a bad spec, a conflict, a missing input, nothing on stdout") {
  std::string dir = tempDir();
  std::ofstream(dir + "/c.yaml") << "apiVersion: ray.io/v1\nkind: RayCluster\nmetadata: {name: c}\nspec:\n"
                                    "  headGroupSpec:\n    template:\n      spec:\n        containers:\n"
                                    "          - {name: ray-head, image: 'rayproject/ray:2.46.0'}\n"
                                    "          - {name: fluent-bit, image: 'mine:1'}\n";
  ProcessResult conflict = runProcess({raylogBinary(), "inject", "--spec", example("examples/sidecar-stdout/raylog.yaml"), dir + "/c.yaml"});
  CHECK(conflict.exitCode == 2);
  CHECK(conflict.out.empty());
  CHECK_THAT(conflict.err, Catch::StartsWith(dir + "/c.yaml:10:13: error: RayCluster/c spec.headGroupSpec.template:"));

  ProcessResult missing = runProcess({raylogBinary(), "inject", "--spec", example("examples/sidecar-stdout/raylog.yaml"), dir + "/nope"});
  CHECK(missing.exitCode == 2);
  CHECK_THAT(missing.err, Catch::Contains("no such file"));

  std::ofstream(dir + "/bad-spec.yaml") << "apiVersion: raylog.dev/v1alpha1\nkind: RayLogging\nmetadata: {name: x}\nspec: {}\n";
  ProcessResult badSpec = runProcess({raylogBinary(), "inject", "--spec", dir + "/bad-spec.yaml", dir + "/c.yaml"});
  CHECK(badSpec.exitCode == 2);
  CHECK_THAT(badSpec.err, Catch::Contains("missing required key 'output'"));
  std::system(("rm -rf '" + dir + "'").c_str());
}

TEST_CASE("plugin install links the binary where kustomize looks, and run as RayLogging it is the exec plugin") {
  std::string home = tempDir();
  ProcessResult install = runProcess({raylogBinary(), "plugin", "install", "--home", home});
  CHECK(install.exitCode == 0);
  const std::string plugin = home + "/kustomize/plugin/raylog.dev/v1alpha1/raylogging/RayLogging";
  CHECK(access(plugin.c_str(), X_OK) == 0);

  // Generator: no resources on stdin.
  ProcessResult gen = runProcess({plugin, example("examples/sidecar-stdout/raylog.yaml")});
  CHECK(gen.exitCode == 0);
  CHECK_THAT(gen.out, Catch::Contains("kind: RayCluster") && Catch::Contains("kind: ConfigMap"));

  // Transformer: resources on stdin.
  std::ifstream in(example("tests/inject/plain/rayjob.yaml"));
  std::string manifest((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ProcessResult tr = runProcess({plugin, example("examples/sidecar-stdout/raylog.yaml")}, manifest);
  CHECK(tr.exitCode == 0);
  CHECK_THAT(tr.out, Catch::Contains("kind: RayJob") && Catch::Contains("name: fluent-bit"));
  CHECK(tr.out.find("kind: RayCluster") == std::string::npos);

  // A spec error names the spec (kustomize passes a temporary copy) and the line.
  std::ofstream(home + "/spec.yaml") << "apiVersion: raylog.dev/v1alpha1\nkind: RayLogging\nmetadata:\n  name: broken\n"
                                        "spec:\n  outptu: {type: stdout}\n";
  ProcessResult bad = runProcess({plugin, home + "/spec.yaml"});
  CHECK(bad.exitCode == 2);
  CHECK_THAT(bad.err, Catch::StartsWith("RayLogging/broken:6:3: error: unknown key 'outptu'"));

  ProcessResult copy = runProcess({raylogBinary(), "plugin", "install", "--home", home, "--copy"});
  CHECK(copy.exitCode == 0);
  struct stat st {};
  REQUIRE(lstat(plugin.c_str(), &st) == 0);
  CHECK(S_ISREG(st.st_mode));
  std::system(("rm -rf '" + home + "'").c_str());
}
