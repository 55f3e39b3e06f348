// inject over the real-world corpus keeps the input's text: every input line (comments included)
// comes back, in order, around the added pieces; the result is idempotent and lints no worse.
#include <catch2/catch.hpp>
#include <boost/filesystem.hpp>
#include <set>
#include <sstream>

#include "inject/inject.h"
#include "k8s/manifests.h"
#include "lint/linter.h"
#include "spec/spec_loader.h"
#include "test_helpers.h"
#include "util/diagnostic.h"
#include "yaml/source_file.h"

using namespace raylog;
namespace fs = boost::filesystem;

namespace {

std::vector<std::string> linesOf(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// Whether `part`'s lines appear in `whole` in the same order (others may come between).
bool keepsLines(const std::string& part, const std::string& whole, std::string& missing) {
  const std::vector<std::string> a = linesOf(part), b = linesOf(whole);
  size_t j = 0;
  for (const std::string& line : a) {
    while (j < b.size() && b[j] != line) ++j;
    if (j == b.size()) {
      missing = line;
      return false;
    }
    ++j;
  }
  return true;
}

std::multiset<std::string> errorsOf(const std::string& text) {
  std::multiset<std::string> out;
  for (const lint::Finding& f : lint::runLintOnText(text, "-", {}).findings)
    if (f.severity == lint::Severity::Error) out.insert(f.ruleId + "|" + f.message);
  return out;
}

}  // namespace

TEST_CASE("inject keeps every byte of the corpus outside the nodes it adds, and is idempotent") {
  const std::string corpus = std::string(RAYLOG_SOURCE_DIR) + "/tests/corpus/";
  size_t injected = 0, comments = 0;
  for (const std::string& specPath : {std::string(RAYLOG_SOURCE_DIR) + "/examples/sidecar-stdout/raylog.yaml",
                                      std::string(RAYLOG_SOURCE_DIR) + "/examples/fluentd-elasticsearch/raylog.yaml"}) {
    const Spec spec = loadSpecFile(specPath);
    for (fs::recursive_directory_iterator it(corpus), end; it != end; ++it) {
      if (it->path().extension() != ".yaml") continue;
      CAPTURE(specPath, it->path().string());
      const std::string text = readInputFile(it->path().string());
      const std::vector<SourceDocument> docs = parseManifests(text, "in.yaml");
      InjectResult r;
      try {
        r = injectLogging(spec, docs);
      } catch (const InputError&) {
        continue;  // a collector or agent of its own: a conflict, tested elsewhere
      }
      std::vector<std::string> notes;
      const std::string out = injectedStream(docs, r, &notes);
      CHECK(notes.empty());
      // raylog-gen's own output (variants/envsubst-blanked.yaml) has pieces inject rewrites; in
      // every other file it only adds.
      if (text.find("raylog.dev/logging") == std::string::npos) {
        std::string missing;
        const bool kept = keepsLines(text, out, missing);
        CAPTURE(missing);
        CHECK(kept);
      }
      for (const std::string& line : linesOf(text)) comments += line.find('#') != std::string::npos;
      // Idempotent: a second run writes the same bytes.
      const std::vector<SourceDocument> again = parseManifests(out, "out.yaml");
      CHECK(injectedStream(again, injectLogging(spec, again)) == out);
      // No error lint did not already report.
      const std::multiset<std::string> before = errorsOf(text), after = errorsOf(out);
      for (const std::string& e : after) CHECK(before.count(e) >= after.count(e));
      ++injected;
    }
  }
  CHECK(injected >= 24);
  CHECK(comments > 100);
}

TEST_CASE("inject keeps quotes that YAML 1.1 readers need: \"=\" and \"<<\"") {
  const std::string text =
      "# mine\napiVersion: ray.io/v1\nkind: RayCluster\nmetadata: {name: c}\nspec:\n  headGroupSpec:\n"
      "    template:\n      spec:\n        containers:\n          - name: ray-head  # first\n"
      "            image: rayproject/ray:2.46.0\n            env:\n              - {name: OP, value: \"=\"}\n"
      "              - name: MERGE\n                value: \"<<\"\n";
  const Spec spec = testing::specFrom("spec:\n  output: {type: stdout}\n");
  const std::vector<SourceDocument> docs = parseManifests(text, "in.yaml");
  const std::string out = injectedStream(docs, injectLogging(spec, docs));
  CHECK_THAT(out, Catch::Contains("value: \"=\"}") && Catch::Contains("value: \"<<\"") &&
                      Catch::Contains("# mine") && Catch::Contains("- name: ray-head  # first"));
}
