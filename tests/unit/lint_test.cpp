// lint: every rule against its fixtures, rendered and injected output clean by construction,
// the public guide's manifest, and the SARIF structure GitHub code scanning requires.
#include <catch2/catch.hpp>
#include <boost/filesystem.hpp>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "inject/inject.h"
#include "k8s/manifests.h"
#include "k8s/operator_config.h"
#include "lint/linter.h"
#include "lint/report.h"
#include "lint/rule.h"
#include "render/render.h"
#include "spec/spec_loader.h"
#include "test_helpers.h"
#include "util/default_images.h"
#include "yaml/source_file.h"
#include "yaml/yaml_emit.h"

using namespace raylog;
namespace fs = boost::filesystem;

namespace {

const std::string kFixtures = std::string(RAYLOG_SOURCE_DIR) + "/tests/lint/fixtures/";

std::vector<lint::Finding> lintFile(const std::string& path, const lint::LintOptions& o = {}) {
  return lint::runLint({path}, o).findings;
}

std::vector<lint::Finding> lintText(const std::string& text) { return lint::lintText(text, {}).findings; }

std::set<std::string> ids(const std::vector<lint::Finding>& findings, lint::Severity atLeast = lint::Severity::Info) {
  std::set<std::string> out;
  for (const auto& f : findings)
    if (f.severity >= atLeast) out.insert(f.ruleId);
  return out;
}

}  // namespace

// Each rule's folder holds bad.yaml and good.yaml, and may hold more of each (bad-*.yaml,
// good-*.yaml): cases a rule once got wrong, kept so it stays right, and for the Fluent Bit
// rules the same manifests with Fluent Bit's YAML format (bad-yaml.yaml, good-yaml.yaml). A bad
// fixture names the finding's line, and may name its column (expect-column).
TEST_CASE("every rule fires on its bad fixtures at the expected line and not on its good ones") {
  REQUIRE(lint::allRules().size() >= 25);
  for (const auto& rule : lint::allRules()) {
    const std::string id = rule->info().id;
    CAPTURE(id);
    REQUIRE(fs::exists(kFixtures + id + "/bad.yaml"));
    REQUIRE(fs::exists(kFixtures + id + "/good.yaml"));
    // The operator-wide rules read the sidecars of the folder's kuberay-operator values.
    lint::LintOptions options;
    if (fs::exists(kFixtures + id + "/operator-values.yaml"))
      options.operatorSidecars =
          std::make_shared<const OperatorSidecars>(readOperatorValues(kFixtures + id + "/operator-values.yaml"));
    std::vector<std::string> bads, goods;
    for (const auto& e : fs::directory_iterator(kFixtures + id)) {
      const std::string name = e.path().filename().string();
      if (name.rfind("bad", 0) == 0) bads.push_back(e.path().string());
      if (name.rfind("good", 0) == 0) goods.push_back(e.path().string());
    }
    for (const std::string& bad : bads) {
      CAPTURE(bad);
      std::smatch m;
      const std::string header = readInputFile(bad);
      REQUIRE(std::regex_search(header, m, std::regex("expect-line: ([0-9]+)")));
      const int expectedLine = std::stoi(m[1]);
      const int expectedColumn =
          std::regex_search(header, m, std::regex("expect-column: ([0-9]+)")) ? std::stoi(m[1]) : 0;
      bool fired = false;
      for (const auto& f : lintFile(bad, options))
        if (f.ruleId == id) {
          CHECK(f.where.line == expectedLine);
          if (expectedColumn > 0) CHECK(f.where.column == expectedColumn);
          CHECK(f.severity == rule->info().severity);
          fired = true;
          break;
        }
      CHECK(fired);
    }
    // A rule that reads Fluent Bit's config is held to both formats.
    if (id.rfind("RL2", 0) == 0) {
      CHECK(fs::exists(kFixtures + id + "/bad-yaml.yaml"));
      CHECK(fs::exists(kFixtures + id + "/good-yaml.yaml"));
    }
    for (const std::string& good : goods) {
      CAPTURE(good);
      CHECK(ids(lintFile(good, options)).count(id) == 0);
    }
    // Every rule documents itself: a fix and a bad and a good example.
    CHECK_FALSE(rule->info().fix.empty());
    CHECK_THAT(rule->info().explanation, Catch::Contains("Bad") && Catch::Contains("Good"));
  }
}

TEST_CASE("lint of every rendered example is clean (warnings and errors)") {
  for (const std::string& spec : testing::exampleSpecs()) {
    CAPTURE(spec);
    Spec s = loadSpecFile(spec);
    CHECK(ids(lintText(renderStream(s)), lint::Severity::Warning).empty());
    const std::string golden = fs::path(spec).parent_path().string() + "/rendered.yaml";
    CHECK(ids(lintFile(golden), lint::Severity::Warning).empty());
  }
}

TEST_CASE("lint(inject(x)) has no errors for every example spec and plain fixture") {
  for (const std::string& spec : testing::exampleSpecs()) {
    Spec s = loadSpecFile(spec);
    for (const auto& e : fs::directory_iterator(std::string(RAYLOG_SOURCE_DIR) + "/tests/inject/plain")) {
      CAPTURE(spec, e.path().string());
      InjectResult r = injectLogging(s, parseManifests(readInputFile(e.path().string()), "in.yaml"));
      CHECK(ids(lintText(emitStream(r.objects)), lint::Severity::Error).empty());
    }
  }
}

TEST_CASE("the public guide's manifest gets exactly the findings it deserves") {
  auto findings = lintFile(std::string(RAYLOG_SOURCE_DIR) + "/tests/lint/guide-style.yaml");
  CHECK(ids(findings) == std::set<std::string>{"RL104", "RL117", "RL118", "RL204", "RL207", "RL208"});
}

TEST_CASE("suppression: --disable and the object annotation") {
  const std::string bad = kFixtures + "RL111/bad.yaml";
  lint::LintOptions off;
  off.disabled.insert("RL111");
  CHECK(ids(lintFile(bad, off)).count("RL111") == 0);
  std::string text = readInputFile(bad);
  text.replace(text.find("  name: fx\n"), 11, "  name: fx\n  annotations: {raylog-gen.dev/ignore: \"RL111, RL115\"}\n");
  CHECK(ids(lintText(text)).count("RL111") == 0);
}

TEST_CASE("lintText finds in memory what runLint finds in a file, located in <stdin>") {
  const std::string path = kFixtures + "RL201/bad.yaml";
  const auto fromFile = lintFile(path);
  const auto fromText = lintText(readInputFile(path));
  REQUIRE(fromText.size() == fromFile.size());
  REQUIRE_FALSE(fromText.empty());
  for (size_t i = 0; i < fromText.size(); ++i) {
    CHECK(fromText[i].ruleId == fromFile[i].ruleId);
    CHECK(fromText[i].where.line == fromFile[i].where.line);
    CHECK(fromText[i].where.file == "<stdin>");
  }
}

TEST_CASE("malformed YAML in one file is a finding for that file, and the run goes on") {
  auto r = lint::runLint({kFixtures + "RL001/bad.yaml", kFixtures + "RL111/bad.yaml"}, {});
  CHECK(r.filesRead == 2);
  CHECK(ids(r.findings).count("RL001") == 1);
  CHECK(ids(r.findings).count("RL111") == 1);
}

TEST_CASE("SARIF output has what GitHub code scanning requires") {
  auto result = lint::runLint({std::string(RAYLOG_SOURCE_DIR) + "/tests/lint/guide-style.yaml"}, {});
  auto sarif = nlohmann::json::parse(lint::formatFindings(result, lint::Format::Sarif));
  CHECK(sarif["version"] == "2.1.0");
  CHECK(sarif["$schema"].get<std::string>().find("sarif") != std::string::npos);
  REQUIRE(sarif["runs"].size() == 1);
  const auto& run = sarif["runs"][0];
  CHECK(run["tool"]["driver"]["name"] == "raylog-gen");
  std::set<std::string> ruleIds;
  for (const auto& rule : run["tool"]["driver"]["rules"]) {
    REQUIRE(rule.contains("id"));
    CHECK(rule["shortDescription"]["text"].is_string());
    CHECK(rule["fullDescription"]["text"].is_string());
    CHECK(rule["help"]["text"].is_string());
    CHECK(std::set<std::string>{"error", "warning", "note"}.count(rule["defaultConfiguration"]["level"]) == 1);
    ruleIds.insert(rule["id"]);
  }
  REQUIRE(run["results"].size() == result.findings.size());
  for (const auto& res : run["results"]) {
    CHECK(ruleIds.count(res["ruleId"]) == 1);
    CHECK(res["message"]["text"].is_string());
    const auto& loc = res["locations"][0]["physicalLocation"];
    CHECK_FALSE(loc["artifactLocation"]["uri"].get<std::string>().empty());
    CHECK(loc["region"]["startLine"].get<int>() >= 1);
    CHECK(loc["region"]["startColumn"].get<int>() >= 1);
  }
}

TEST_CASE("the Fluent Bit reader gives back sections, entries and their lines") {
  auto p = readFluentBitConfig("# c\n[INPUT]\n    Name tail\n    Path /x/*\n\n[OUTPUT]\n  Name  stdout\n  Match *\n@INCLUDE more.conf\n");
  REQUIRE(p.config.sections.size() == 2);
  CHECK(p.config.sections[0].get("path") == "/x/*");
  CHECK(p.lines.sectionLine[1] == 6);
  CHECK(p.lines.entryLine[1][1] == 8);
  CHECK(p.includes == std::vector<std::string>{"more.conf"});
  CHECK(fluentBitTagMatches("*", "ray"));
  CHECK(fluentBitTagMatches("ray.*", "ray.var.log"));
  CHECK_FALSE(fluentBitTagMatches("kube.*", "ray"));
}

TEST_CASE("the rendered Fluent Bit configs read back: routing reaches every output") {
  for (const std::string& spec : testing::exampleSpecs()) {
    Spec s = loadSpecFile(spec);
    for (const YAML::Node& o : renderObjects(s)) {
      if (o["kind"].Scalar() != "ConfigMap") continue;
      for (auto it = o["data"].begin(); it != o["data"].end(); ++it) {
        if (it->first.Scalar() != "fluent-bit.conf") continue;
        auto p = readFluentBitConfig(it->second.Scalar());
        CHECK(p.problems.empty());
        std::vector<std::string> tags;
        for (const auto& sec : p.config.sections)
          if (sec.name == "INPUT") tags.push_back(sec.get("Tag"));
        for (const auto& sec : p.config.sections)
          if (sec.name == "OUTPUT") CHECK(fluentBitTagMatches(sec.get("Match"), tags.at(0)));
      }
    }
  }
}

TEST_CASE("node-level agents (DaemonSets) are held to the same image and resources rules") {
  std::string text = readInputFile(std::string(RAYLOG_SOURCE_DIR) + "/examples/daemonset-stdout/rendered.yaml");
  CHECK(ids(lintText(text)).empty());
  const std::string pinned = std::string("image: ") + default_images::kFluentBit;
  const size_t at = text.find(pinned);
  REQUIRE(at != std::string::npos);
  text.replace(at, pinned.size(), "image: fluent/fluent-bit");
  CHECK(ids(lintText(text)) == std::set<std::string>{"RL111"});
}
