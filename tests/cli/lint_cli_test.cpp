// raylog-gen lint / explain / rules through the real binary: exit codes, formats, suppression.
#include <boost/filesystem.hpp>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>

#include "run_process.h"

namespace {

std::string fixture(const std::string& rel) { return sourceDir() + "/tests/lint/" + rel; }

std::string readAll(const std::string& path) {
  std::ifstream in(path);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::string tempDir() {
  char tmpl[] = "/tmp/raylog-lint-XXXXXX";
  return mkdtemp(tmpl);
}

}  // namespace

TEST_CASE("lint exit codes: 0 clean, 1 findings at or above --fail-on, 2 unreadable input") {
  ProcessResult clean = runProcess({raylogBinary(), "lint", sourceDir() + "/examples/sidecar-stdout/rendered.yaml"});
  CHECK(clean.exitCode == 0);
  CHECK_THAT(clean.out, Catch::Contains("1 file(s) linted: 0 error(s)"));

  ProcessResult errors = runProcess({raylogBinary(), "lint", fixture("guide-style.yaml")});
  CHECK(errors.exitCode == 1);
  CHECK_THAT(errors.out, Catch::Contains("guide-style.yaml:14:9: error: Path_Key true") &&
                             Catch::Contains("[RL204]") && Catch::Contains("fix: Use a key name"));

  // Only warnings: exit 0 by default, 1 with --fail-on warning.
  const std::string warnOnly = fixture("fixtures/RL202/bad.yaml");
  CHECK(runProcess({raylogBinary(), "lint", warnOnly}).exitCode == 0);
  CHECK(runProcess({raylogBinary(), "lint", "--fail-on", "warning", warnOnly}).exitCode == 1);

  ProcessResult missing = runProcess({raylogBinary(), "lint", "/nonexistent.yaml", warnOnly});
  CHECK(missing.exitCode == 2);
  CHECK_THAT(missing.err, Catch::Contains("/nonexistent.yaml: error: cannot read file"));
  CHECK_THAT(missing.out, Catch::Contains("1 file(s) linted"));  // still reports what it could read
}

TEST_CASE("lint reads folders recursively, stdin, and goes on after a malformed file") {
  ProcessResult dir = runProcess({raylogBinary(), "lint", fixture("fixtures")});
  CHECK(dir.exitCode == 1);
  CHECK_THAT(dir.out, Catch::Contains("RL001/bad.yaml:4:") && Catch::Contains("RL212/bad.yaml"));
  size_t yamlFiles = 0;  // every fixture counts, the malformed one included
  for (boost::filesystem::recursive_directory_iterator it(fixture("fixtures")), end; it != end; ++it)
    if (it->path().extension() == ".yaml") ++yamlFiles;
  CHECK_THAT(dir.out, Catch::Contains(std::to_string(yamlFiles) + " file(s) linted"));

  std::ifstream in(fixture("guide-style.yaml"));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ProcessResult stdinRun = runProcess({raylogBinary(), "lint", "-"}, text);
  CHECK(stdinRun.exitCode == 1);
  CHECK_THAT(stdinRun.out, Catch::Contains("<stdin>:14:9: error:"));
}

TEST_CASE("lint formats: json, sarif, github") {
  ProcessResult json = runProcess({raylogBinary(), "lint", "--format", "json", fixture("guide-style.yaml")});
  CHECK_THAT(json.out, Catch::Contains("\"rule\": \"RL204\"") && Catch::Contains("\"line\": 14"));
  ProcessResult sarif = runProcess({raylogBinary(), "lint", "--format", "sarif", fixture("guide-style.yaml")});
  CHECK_THAT(sarif.out, Catch::Contains("\"version\": \"2.1.0\"") && Catch::Contains("\"ruleId\": \"RL104\""));
  ProcessResult gh = runProcess({raylogBinary(), "lint", "--format", "github", fixture("guide-style.yaml")});
  CHECK_THAT(gh.out, Catch::Contains("::error file=") && Catch::Contains(",line=14,col=9,title=RL204 tail-path-key-boolean::"));
  ProcessResult bad = runProcess({raylogBinary(), "lint", "--format", "sarf", fixture("guide-style.yaml")});
  CHECK(bad.exitCode == 2);
  CHECK_THAT(bad.err, Catch::Contains("did you mean 'sarif'"));
}

TEST_CASE("suppression: --disable, .raylog-gen.yaml, and a config file with a typo") {
  ProcessResult disabled = runProcess({raylogBinary(), "lint", "--disable", "RL204", "--disable", "agent-missing-in-group",
                                       fixture("guide-style.yaml")});
  CHECK(disabled.exitCode == 0);
  CHECK_FALSE(Catch::Contains("RL204").match(disabled.out));

  ProcessResult unknown = runProcess({raylogBinary(), "lint", "--disable", "RL999", fixture("guide-style.yaml")});
  CHECK(unknown.exitCode == 2);

  const std::string dir = tempDir();
  std::ofstream(dir + "/cfg.yaml") << "disable: [RL204, RL104]\nfailOn: warning\n";
  ProcessResult cfg = runProcess({raylogBinary(), "lint", "--config", dir + "/cfg.yaml", fixture("guide-style.yaml")});
  CHECK(cfg.exitCode == 1);  // the two warnings now fail the run
  CHECK_FALSE(Catch::Contains("[RL204]").match(cfg.out));

  std::ofstream(dir + "/typo.yaml") << "disabel: [RL204]\n";
  ProcessResult typo = runProcess({raylogBinary(), "lint", "--config", dir + "/typo.yaml", fixture("guide-style.yaml")});
  CHECK(typo.exitCode == 2);
  CHECK_THAT(typo.err, Catch::Contains("typo.yaml:1:1: error: unknown key 'disabel' (did you mean 'disable'?)"));
  std::system(("rm -rf '" + dir + "'").c_str());
}

TEST_CASE("explain and rules") {
  ProcessResult explain = runProcess({raylogBinary(), "explain", "RL204"});
  CHECK(explain.exitCode == 0);
  CHECK_THAT(explain.out, Catch::Contains("RL204 tail-path-key-boolean (error)") && Catch::Contains("Bad:") &&
                              Catch::Contains("Good:"));
  ProcessResult byName = runProcess({raylogBinary(), "explain", "ray-log-volume-missing"});
  CHECK_THAT(byName.out, Catch::StartsWith("RL101"));
  ProcessResult typo = runProcess({raylogBinary(), "explain", "RL2O4"});
  CHECK(typo.exitCode == 2);
  CHECK_THAT(typo.err, Catch::Contains("did you mean 'RL204'"));
  ProcessResult rules = runProcess({raylogBinary(), "rules"});
  CHECK_THAT(rules.out, Catch::Contains("RL001") && Catch::Contains("RL209"));
}

TEST_CASE("lint --fix repairs raylog-gen's pieces through inject, and refuses what it cannot own") {
  const std::string dir = tempDir();
  std::ifstream in(sourceDir() + "/examples/sidecar-stdout/rendered.yaml");
  std::string rendered((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // Someone deleted the worker's /tmp/ray mount by hand: RL101 territory.
  const std::string mount = "              volumeMounts:\n                - name: ray-logs\n                  mountPath: /tmp/ray\n            - name: fluent-bit";
  const size_t at = rendered.rfind(mount);
  REQUIRE(at != std::string::npos);
  std::string broken = rendered;
  broken.replace(at, mount.size(), "            - name: fluent-bit");
  std::ofstream(dir + "/cluster.yaml") << broken;
  CHECK(runProcess({raylogBinary(), "lint", dir + "/cluster.yaml"}).exitCode == 1);

  const std::string spec = sourceDir() + "/examples/sidecar-stdout/raylog.yaml";
  ProcessResult noSpec = runProcess({raylogBinary(), "lint", "--fix", dir + "/cluster.yaml"});
  CHECK(noSpec.exitCode == 2);
  CHECK_THAT(noSpec.err, Catch::Contains("--fix needs --spec"));

  ProcessResult fixed = runProcess({raylogBinary(), "lint", "--fix", "--spec", spec, dir + "/cluster.yaml"});
  CHECK(fixed.exitCode == 0);
  CHECK_THAT(fixed.err, Catch::Contains("fixed " + dir + "/cluster.yaml: RayCluster/demo"));
  CHECK(runProcess({raylogBinary(), "lint", dir + "/cluster.yaml"}).exitCode == 0);

  // The guide's head-only sidecar is not raylog-gen's: --fix says so, leaves the file as it is,
  // and lint reports the file's findings.
  const std::string guideText = readAll(fixture("guide-style.yaml"));
  std::ofstream(dir + "/guide.yaml") << guideText;
  ProcessResult guide = runProcess({raylogBinary(), "lint", "--fix", "--spec", spec, dir + "/guide.yaml"});
  CHECK(guide.exitCode == 1);
  CHECK_THAT(guide.err, Catch::Contains("not fixed " + dir + "/guide.yaml:") &&
                            Catch::Contains("already runs a log agent (Fluent Bit) in container 'fluentbit'") &&
                            Catch::Contains("file left unchanged"));
  CHECK(readAll(dir + "/guide.yaml") == guideText);
  std::system(("rm -rf '" + dir + "'").c_str());
}
