// lint's one pass (each file parsed once, on several threads, with its own ConfigMaps, and linted
// again only where the whole input answers a ConfigMap lookup otherwise) reports what the two
// passes report, byte for byte in every output format: on the rule fixtures, and on a corpus of
// the rendered examples cut up so ConfigMaps sit in other files, are defined twice, or are lost
// among files that do not parse.
#include <catch2/catch.hpp>
#include <boost/filesystem.hpp>
#include <fstream>

#include "lint/linter.h"
#include "lint/report.h"
#include "test_helpers.h"
#include "yaml/source_file.h"

using namespace raylog;
namespace fs = boost::filesystem;

namespace {

// Every format of a result, so a difference anywhere (order, counts, unreadable inputs) shows.
std::string allFormats(const lint::LintResult& r) {
  std::string out;
  for (lint::Format f : {lint::Format::Text, lint::Format::Json, lint::Format::Sarif, lint::Format::Github})
    out += lint::formatFindings(r, f) + "\n=====\n";
  for (const Diagnostic& d : r.unreadable) out += d.format() + "\n";
  return out;
}

void checkSameAsTwoPasses(const std::vector<std::string>& paths) {
  const std::string expected = allFormats(lint::runLintTwoPass(paths, {}));
  for (unsigned threads : {1u, 2u, 5u}) {
    CAPTURE(threads);
    lint::LintOptions options;
    options.threads = threads;
    CHECK(allFormats(lint::runLint(paths, options)) == expected);
  }
}

// The documents of a YAML stream, as text, split at its "---" lines.
std::vector<std::string> documentsOf(const std::string& stream) {
  std::vector<std::string> docs(1);
  std::istringstream in(stream);
  for (std::string line; std::getline(in, line);) {
    if (line == "---") {
      docs.emplace_back();
      continue;
    }
    docs.back() += line + "\n";
  }
  return docs;
}

bool isConfigMap(const std::string& doc) { return doc.find("\nkind: ConfigMap\n") != std::string::npos; }

void write(const fs::path& file, const std::string& text) { std::ofstream(file.string(), std::ios::binary) << text; }

// Every rendered example, cut four ways by turn: whole; its ConfigMaps in a file after the
// cluster's; before it; whole, with its ConfigMaps defined again in a later file whose tail
// Path leaves the agent's mount (RL201, found in that file while linting the cluster's).
// Besides: a List, files that do not parse, a template that defines a ConfigMap.
fs::path writeCorpus() {
  const fs::path dir = fs::temp_directory_path() / fs::unique_path("raylog-one-pass-%%%%-%%%%");
  fs::create_directories(dir / "sub");
  int n = 0;
  for (const std::string& spec : testing::exampleSpecs()) {
    const fs::path example = fs::path(spec).parent_path();
    const std::string name = example.filename().string(), rendered = readInputFile((example / "rendered.yaml").string());
    write(dir / (name + "-spec.yaml"), readInputFile(spec));  // RayLogging specs: lint checks them too
    std::string configMaps, rest;
    for (const std::string& doc : documentsOf(rendered)) (isConfigMap(doc) ? configMaps : rest) += "---\n" + doc;
    switch (n++ % 4) {
      case 0:
        write(dir / (name + ".yaml"), rendered);
        break;
      case 1:
        write(dir / (name + "-a.yaml"), rest);
        write(dir / (name + "-b.yaml"), configMaps);
        break;
      case 2:
        write(dir / (name + "-a.yaml"), configMaps);
        write(dir / (name + "-b.yaml"), rest);
        break;
      default: {
        write(dir / (name + ".yaml"), rendered);
        std::string moved = configMaps;
        for (size_t at = moved.find("/tmp/ray/session_latest"); at != std::string::npos;
             at = moved.find("/tmp/ray/session_latest", at))
          moved.replace(at, 8, "/var/log");
        write(dir / "sub" / (name + "-again.yaml"), moved);
      }
    }
  }
  write(dir / "list.yaml", "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n"
                           "  metadata: {name: c, namespace: x}\n  data: {fluent-bit.conf: \"[INPUT]\\n    Name tail\\n\"}\n");
  write(dir / "broken-flow.yaml", "spec: {headGroupSpec: [\n");
  write(dir / "broken-tab.yaml", "a:\n\tb: 1\n");
  write(dir / "template.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: t\n  annotations:\n    note: a{{b\n"
                               "data: {fluent-bit.conf: \"[INPUT]\\n    Name tail\\n\"}\n");
  // Documents of kinds lint does not read are skipped (syntax only); the others keep their marks.
  write(dir / "kinds.yaml", "# kinds\nkind: Secret\nmetadata: {name: s}\ndata: {a: \"b\"}\n...\n%YAML 1.2\n---\n"
                            "apiVersion: ray.io/v1alpha1\nkind: RayCluster\nmetadata: {name: r}\n"
                            "--- {kind: Service, spec: {x: [1, 2]}}\n"
                            "---\nname: &k RayService\nkind: *k\napiVersion: ray.io/v1alpha1\n"
                            "---\nkind: Service\nkind: RayJob\napiVersion: ray.io/v1alpha1\n"
                            "---\napiVersion: ray.io/v1alpha1\nkind: RayJob\n");
  return dir;
}

}  // namespace

TEST_CASE("one-pass lint reports what two passes report, on the rule fixtures") {
  checkSameAsTwoPasses({std::string(RAYLOG_SOURCE_DIR) + "/tests/lint"});
}

TEST_CASE("one-pass lint reports what two passes report, with ConfigMaps in other files, defined twice, or unreadable") {
  const fs::path dir = writeCorpus();
  const std::string missing = (dir / "missing.yaml").string();
  checkSameAsTwoPasses({dir.string()});
  checkSameAsTwoPasses({(dir / "sub").string(), dir.string(), missing, (dir / "list.yaml").string()});
  // The corpus exercises what the one pass must get right: findings located in another file,
  // ConfigMaps not found, files that do not parse, a template refused, a path that is missing.
  const lint::LintResult r = lint::runLint({dir.string(), missing}, {});
  auto count = [&](const std::string& id, bool elsewhere) {
    size_t n = 0;
    for (const lint::Finding& f : r.findings)
      n += f.ruleId == id && (!elsewhere || f.where.file.find("-again.yaml") != std::string::npos);
    return n;
  };
  CHECK(count("RL201", true) > 0);
  std::vector<int> v1alpha1Lines;  // after a skipped Secret, after an alias kind, after a skipped Service
  for (const lint::Finding& f : r.findings)
    if (f.ruleId == "RL114" && f.where.file.find("kinds.yaml") != std::string::npos) v1alpha1Lines.push_back(f.where.line);
  CHECK(v1alpha1Lines == std::vector<int>{8, 15, 21});
  CHECK(count("RL001", false) == 2);
  CHECK(r.unreadable.size() == 2);
  fs::remove_all(dir);
}
