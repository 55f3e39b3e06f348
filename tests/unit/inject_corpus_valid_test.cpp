// inject over the real-world corpus gives objects KubeRay accepts and lint finds nothing in
// what inject added: every Ray object of the output validates against the vendored KubeRay CRD
// schemas (tests/crd/schemas/), and lint of the output reports no finding (of any severity) that
// lint of the input did not.
#include <catch2/catch.hpp>
#include <boost/filesystem.hpp>
#include <fstream>
#include <map>
#include <memory>
#include <set>

#include "inject/inject.h"
#include "k8s/manifests.h"
#include "lint/linter.h"
#include "spec/spec_loader.h"
#include "util/diagnostic.h"
#include "yaml/json_schema.h"
#include "yaml/source_file.h"
#include "yaml/yaml_to_json.h"

using namespace raylog;
namespace fs = boost::filesystem;

namespace {

const std::string kSource = RAYLOG_SOURCE_DIR;

const JsonSchema* crdSchema(const std::string& kind) {
  static std::map<std::string, std::unique_ptr<JsonSchema>> schemas;
  static const std::map<std::string, std::string> files = {{"RayCluster", "ray.io_v1_raycluster.schema.json"},
                                                           {"RayJob", "ray.io_v1_rayjob.schema.json"},
                                                           {"RayService", "ray.io_v1_rayservice.schema.json"}};
  auto f = files.find(kind);
  if (f == files.end()) return nullptr;
  if (!schemas.count(kind)) {
    std::ifstream in(kSource + "/tests/crd/schemas/" + f->second);
    REQUIRE(in);
    schemas[kind] = std::make_unique<JsonSchema>(nlohmann::json::parse(in));
  }
  return schemas[kind].get();
}

// "Kind/name: problem" for every CRD problem of every Ray object in `text`; `objects` counts them.
std::multiset<std::string> crdProblems(const std::string& text, size_t& objects) {
  std::multiset<std::string> out;
  for (const ParsedDocument& doc : parseYamlStream(text, "x.yaml")) {
    if (!doc.root.IsMap()) continue;
    const JsonDocument json = yamlToJson(doc.root, "x.yaml");
    const JsonSchema* schema = crdSchema(json.value.value("kind", ""));
    if (!schema) continue;
    ++objects;
    for (const Diagnostic& d : schema->validate(json, "x.yaml"))
      out.insert(json.value.value("kind", "") + ": " + d.message);
  }
  return out;
}

// Findings as "RULE|message", every severity (lines move when inject adds pieces).
std::multiset<std::string> findingsOf(const std::string& text) {
  std::multiset<std::string> out;
  for (const lint::Finding& f : lint::runLintOnText(text, "x.yaml", {}).findings) out.insert(f.ruleId + "|" + f.message);
  return out;
}

}  // namespace

TEST_CASE("inject of every corpus manifest stays CRD-valid and lints clean of what inject added") {
  const std::string corpus = kSource + "/tests/corpus/";
  size_t injected = 0, rayObjects = 0;
  for (const char* example : {"sidecar-stdout", "fluentd-elasticsearch", "rayjob", "output-s3-minio"}) {
    const Spec spec = loadSpecFile(kSource + "/examples/" + std::string(example) + "/raylog.yaml");
    for (fs::recursive_directory_iterator it(corpus), end; it != end; ++it) {
      if (it->path().extension() != ".yaml") continue;
      CAPTURE(example, it->path().string());
      const std::string text = readInputFile(it->path().string());
      const std::vector<SourceDocument> docs = parseManifests(text, "x.yaml");
      InjectResult r;
      try {
        r = injectLogging(spec, docs);
      } catch (const InputError&) {
        continue;  // a log agent of its own: a conflict, tested elsewhere
      }
      const std::string out = injectedStream(docs, r);
      size_t before = 0;
      CHECK(crdProblems(text, before).empty());  // KubeRay's own samples are valid...
      size_t after = 0;
      const std::multiset<std::string> problems = crdProblems(out, after);
      CAPTURE(problems);
      CHECK(problems.empty());  // ...and stay valid with logging added
      CHECK(after == before);
      rayObjects += after;

      const std::multiset<std::string> was = findingsOf(text), is = findingsOf(out);
      std::vector<std::string> added;
      for (const std::string& f : is)
        if (was.count(f) < is.count(f)) added.push_back(f);
      CAPTURE(added);
      CHECK(added.empty());
      ++injected;
    }
  }
  CHECK(injected >= 48);
  CHECK(rayObjects >= 48);
}
