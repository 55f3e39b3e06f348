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
#include "krm/krm_function.h"
#include "spec/spec_loader.h"
#include "yaml/source_file.h"
#include "yaml/yaml_emit.h"

namespace raylog {

int runKustomizeExecPlugin(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "raylog-gen: error: as a kustomize plugin, expected the RayLogging config file as the first argument\n";
    return exit_code::kBadInput;
  }
  try {
    const std::string text = readInputFile(argv[1]);
    const std::string label = kustomizeSpecLabel(text);
    const Spec spec = loadSpecText(text, label);
    // kustomize passes no resources to generators; a terminal means a person ran it by hand.
    const std::string input = isatty(0) ? "" : readInputFile("-");
    std::cout << emitStream(kustomizeProduce(spec, parseManifests(input, "kustomize resources"), nullptr)) << std::flush;
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
      const KrmResult result = runKrmFunction(readInputFile("-"));
      std::cout << result.resourceList << std::flush;
      for (const std::string& message : result.errors) std::cerr << message << "\n";
      return result.errors.empty() ? exit_code::kOk : exit_code::kBadInput;
    };
  });
}

}  // namespace raylog
