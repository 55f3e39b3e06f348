// kustomize integration, both protocols over one code path (render for generators, inject for
// transformers):
// - legacy exec plugin (kubectl kustomize --enable-alpha-plugins): the executable is named
//   RayLogging, argv[1] is a temporary copy of the spec, resources (transformers) on stdin;
// - KRM exec function (kustomize --enable-exec, kpt): `raylog-gen krm`, a ResourceList on stdin
//   and on stdout, errors as results.
// kustomize hands over a temporary copy of the spec, so messages name the spec as
// RayLogging/<metadata.name> instead of a file.
#include <unistd.h>

#include <iostream>
#include <memory>

#include "cli/command.h"
#include "cli/exit_codes.h"
#include "k8s/manifests.h"
#include "inject/inject.h"
#include "render/render.h"
#include "spec/spec_loader.h"
#include "yaml/source_file.h"
#include "yaml/yaml_build.h"
#include "yaml/yaml_emit.h"

namespace raylog {

namespace {

const char* kModeAnnotation = "raylog.dev/plugin-mode";

// "RayLogging/<name>" from a spec that may not even be valid yet.
std::string specLabel(const YAML::Node& root) {
  try {
    if (root.IsMap() && root["metadata"] && root["metadata"]["name"] && root["metadata"]["name"].IsScalar())
      return "RayLogging/" + root["metadata"]["name"].Scalar();
  } catch (const YAML::Exception&) {
  }
  return "RayLogging (kustomize config)";
}

std::string specLabel(const std::string& text) {
  try {
    return specLabel(YAML::Load(text));
  } catch (const YAML::Exception&) {
    return "RayLogging (kustomize config)";
  }
}

bool hasObjects(const std::vector<SourceDocument>& docs) {
  for (const SourceDocument& d : docs)
    if (d.root.IsMap()) return true;
  return false;
}

// Generator when the spec says so, or when no resources come in; transformer otherwise.
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

std::vector<YAML::Node> produce(const Spec& spec, std::vector<SourceDocument> resources, std::vector<std::string>* summary) {
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

}  // namespace

int runKustomizeExecPlugin(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "raylog-gen: error: as a kustomize plugin, expected the RayLogging config file as the first argument\n";
    return exit_code::kBadInput;
  }
  try {
    const std::string text = readInputFile(argv[1]);
    const std::string label = specLabel(text);
    const Spec spec = loadSpecText(text, label);
    // kustomize passes no resources to generators; a terminal means a person ran it by hand.
    const std::string input = isatty(0) ? "" : readInputFile("-");
    std::cout << emitStream(produce(spec, parseManifests(input, "kustomize resources"), nullptr)) << std::flush;
    return exit_code::kOk;
  } catch (const InputError& e) {
    for (const Diagnostic& d : e.diagnostics()) std::cerr << d.format() << "\n";
    return exit_code::kBadInput;
  } catch (const std::exception& e) {
    std::cerr << "raylog-gen: internal error: " << e.what() << "\n";
    return exit_code::kInternal;
  }
}

void registerKrmCommand(CLI::App& app, CommandAction& action) {
  CLI::App* cmd = app.add_subcommand(
      "krm", "Run as a KRM function (kustomize --enable-exec, kpt): ResourceList on stdin, ResourceList on stdout");
  cmd->footer(exit_code::footer({exit_code::kOk, exit_code::kBadInput, exit_code::kInternal}));
  cmd->callback([&action] {
    action = [] {
      const std::string input = readInputFile("-");
      std::vector<ParsedDocument> docs = parseYamlStream(input, "<stdin>");
      if (docs.size() != 1 || !docs[0].root.IsMap() || !docs[0].root["kind"] ||
          docs[0].root["kind"].Scalar() != "ResourceList")
        throw InputError(Diagnostic{{"<stdin>", 1, 1}, "expected one ResourceList document (config.kubernetes.io/v1)"});
      YAML::Node list = docs[0].root;

      std::vector<SourceDocument> items;
      if (list["items"] && list["items"].IsSequence())
        for (const YAML::Node& item : list["items"]) items.push_back({item, "<stdin>"});

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

      int code = exit_code::kOk;
      YAML::Node outItems = y::seq();
      try {
        const YAML::Node config = list["functionConfig"];
        if (!config || !config.IsMap())
          throw InputError(Diagnostic{{"<stdin>", 1, 1}, "the ResourceList has no functionConfig; it must be a RayLogging spec"});
        const Spec spec = loadSpecNode(config, specLabel(config));
        std::vector<std::string> summary;
        for (const YAML::Node& o : produce(spec, items, &summary)) outItems.push_back(o);
        for (const std::string& line : summary) addResult("info", line);
      } catch (const InputError& e) {
        for (const SourceDocument& item : items) outItems.push_back(item.root);  // unchanged, as received
        for (const Diagnostic& d : e.diagnostics()) addResult("error", d.format());
        code = exit_code::kBadInput;
      }
      out["items"] = outItems;
      if (results.size() > 0) out["results"] = results;
      std::cout << emitDocument(out) << std::flush;
      if (code != exit_code::kOk)
        for (const YAML::Node& r : results) std::cerr << r["message"].Scalar() << "\n";
      return code;
    };
  });
}

}  // namespace raylog
