// Validates what `raylog-gen render SPEC` prints against the KubeRay CRD schemas, reading the
// emitted YAML back (as kubectl would) so quoting mistakes show up as type errors.
// Usage: crd_validation CRD_DIR SPEC. Exit 0 valid, 1 invalid, 77 (ctest: skipped) no CRD_DIR.
#include <sys/stat.h>

#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>

#include "render/render.h"
#include "spec/spec_loader.h"
#include "yaml/json_schema.h"
#include "yaml/source_file.h"
#include "yaml/yaml_to_json.h"

int main(int argc, char** argv) {
  using namespace raylog;
  if (argc != 3) {
    std::cerr << "usage: crd_validation CRD_DIR SPEC\n";
    return 2;
  }
  const std::string crdDir = argv[1];
  struct stat st {};
  if (stat(crdDir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    std::cout << "SKIPPED: no KubeRay CRD schemas at " << crdDir << "\n";
    return 77;
  }
  const std::map<std::string, std::string> files = {{"RayCluster", "ray.io_v1_raycluster.schema.json"},
                                                    {"RayJob", "ray.io_v1_rayjob.schema.json"},
                                                    {"RayService", "ray.io_v1_rayservice.schema.json"}};
  try {
    const std::string text = renderStream(loadSpecFile(argv[2]));
    int validated = 0, failures = 0;
    std::map<std::string, std::unique_ptr<JsonSchema>> schemas;
    for (const ParsedDocument& doc : parseYamlStream(text, "rendered")) {
      JsonDocument json = yamlToJson(doc.root, "rendered");
      const std::string kind = json.value.value("kind", "");
      auto f = files.find(kind);
      if (f == files.end()) continue;
      if (!schemas.count(kind)) {
        std::ifstream in(crdDir + "/" + f->second);
        if (!in) {
          std::cerr << "cannot read " << crdDir << "/" << f->second << "\n";
          return 1;
        }
        schemas[kind] = std::make_unique<JsonSchema>(nlohmann::json::parse(in));
      }
      for (const Diagnostic& d : schemas[kind]->validate(json, "rendered")) {
        std::cerr << d.format() << "\n";
        ++failures;
      }
      ++validated;
    }
    // Negative control: the same schema must reject a broken copy, or passing proves nothing.
    for (const ParsedDocument& doc : parseYamlStream(text, "rendered")) {
      JsonDocument json = yamlToJson(doc.root, "rendered");
      const std::string kind = json.value.value("kind", "");
      if (!schemas.count(kind)) continue;
      nlohmann::json broken = json.value;
      nlohmann::json& cluster = kind == "RayCluster" ? broken["spec"]
                                : kind == "RayJob"   ? broken["spec"]["rayClusterSpec"]
                                                     : broken["spec"]["rayClusterConfig"];
      cluster["headGroupSpec"]["rayStartParams"]["num-cpus"] = 1;  // must be a string
      cluster["headGroupSpec"]["template"]["spec"]["containers"][0]["name"] = 7;
      if (schemas[kind]->validate({broken, {}}, "broken").empty()) {
        std::cerr << "the " << kind << " CRD schema accepted a broken object: validation is not working\n";
        return 1;
      }
      break;
    }
    if (validated == 0) {
      std::cerr << "no KubeRay object in the output of " << argv[2] << "\n";
      return 1;
    }
    std::cout << validated << " KubeRay object(s) validated against the CRD schemas, " << failures << " problem(s)\n";
    return failures == 0 ? 0 : 1;
  } catch (const InputError& e) {
    for (const Diagnostic& d : e.diagnostics()) std::cerr << d.format() << "\n";
    return 1;
  }
}
