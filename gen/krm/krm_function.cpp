#include "krm/krm_function.h"

#include "inject/inject.h"
#include "render/render.h"
#include "spec/spec_loader.h"
#include "util/diagnostic.h"
#include "yaml/source_file.h"
#include "yaml/yaml_build.h"
#include "yaml/yaml_emit.h"

namespace raylog {

namespace {

const char* kModeAnnotation = "raylog.dev/plugin-mode";

bool hasObjects(const std::vector<SourceDocument>& docs) {
  for (const SourceDocument& d : docs)
    if (d.root.IsMap()) return true;
  return false;
}

bool shouldGenerate(const Spec& spec, bool resourcesGiven) {
  auto mode = spec.annotations.find(kModeAnnotation);
  if (mode != spec.annotations.end()) {
    if (mode->second == "generator") return true;
    if (mode->second == "transformer") return false;
    throw InputError(Diagnostic{{"RayLogging/" + spec.name, 0, 0},
                                std::string("annotation ") + kModeAnnotation + " is '" + mode->second +
                                    "'; use generator or transformer"});
  }
  return !resourcesGiven;
}

}  // namespace

std::string kustomizeSpecLabel(const YAML::Node& root) {
  try {
    if (root.IsMap() && root["metadata"] && root["metadata"]["name"] && root["metadata"]["name"].IsScalar())
      return "RayLogging/" + root["metadata"]["name"].Scalar();
  } catch (const YAML::Exception&) {
  }
  return "RayLogging (kustomize config)";
}

std::string kustomizeSpecLabel(const std::string& text) {
  try {
    return kustomizeSpecLabel(YAML::Load(text));
  } catch (const YAML::Exception&) {
    return "RayLogging (kustomize config)";
  }
}

std::vector<YAML::Node> kustomizeProduce(const Spec& spec, const std::vector<SourceDocument>& resources,
                                         std::vector<std::string>* summary) {
  if (shouldGenerate(spec, hasObjects(resources))) {
    std::vector<YAML::Node> objects;
    for (const SourceDocument& r : resources)
      if (r.root.IsMap()) objects.push_back(r.root);  // a generator keeps what it was given
    for (const YAML::Node& o : renderObjects(spec)) objects.push_back(o);
    return objects;
  }
  InjectResult result = injectLogging(spec, resources);
  if (summary) *summary = result.summary;
  return result.objects;
}

KrmResult runKrmFunction(const std::string& input) {
  std::vector<ParsedDocument> docs = parseYamlStream(input, "<stdin>");
  if (docs.size() != 1 || !docs[0].root.IsMap() || !docs[0].root["kind"] ||
      docs[0].root["kind"].Scalar() != "ResourceList")
    throw InputError(Diagnostic{{"<stdin>", 1, 1}, "expected one ResourceList document (config.kubernetes.io/v1)"});
  YAML::Node list = docs[0].root;

  // inject edits the nodes it is given; on an error the items go back exactly as received.
  std::vector<SourceDocument> items;
  std::vector<YAML::Node> received;
  if (list["items"] && list["items"].IsSequence())
    for (const YAML::Node& item : list["items"]) {
      items.push_back({item, "<stdin>", nullptr, 0});  // no text to splice into
      received.push_back(YAML::Clone(item));
    }

  YAML::Node out = y::map();
  y::set(out, "apiVersion", "config.kubernetes.io/v1");
  y::set(out, "kind", "ResourceList");
  YAML::Node results = y::seq();
  auto addResult = [&](const std::string& severity, const std::string& message) {
    YAML::Node r = y::map();
    y::set(r, "message", message);
    y::set(r, "severity", severity);
    results.push_back(r);
  };

  KrmResult result;
  YAML::Node outItems = y::seq();
  try {
    const YAML::Node config = list["functionConfig"];
    if (!config || !config.IsMap())
      throw InputError(Diagnostic{{"<stdin>", 1, 1}, "the ResourceList has no functionConfig; it must be a RayLogging spec"});
    const Spec spec = loadSpecNode(config, kustomizeSpecLabel(config));
    std::vector<std::string> summary;
    for (const YAML::Node& o : kustomizeProduce(spec, items, &summary)) outItems.push_back(o);
    for (const std::string& line : summary) addResult("info", line);
  } catch (const InputError& e) {
    for (const YAML::Node& item : received) outItems.push_back(item);
    for (const Diagnostic& d : e.diagnostics()) {
      addResult("error", d.format());
      result.errors.push_back(d.format());
    }
  }
  out["items"] = outItems;
  if (results.size() > 0) out["results"] = results;
  result.resourceList = emitDocument(out);
  return result;
}

}  // namespace raylog
