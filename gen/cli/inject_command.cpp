// raylog-gen inject --spec SPEC [PATH...] [-o FILE]
#include <iostream>
#include <memory>

#include "cli/command.h"
#include "cli/console.h"
#include "cli/exit_codes.h"
#include "k8s/manifests.h"
#include "cli/output_file.h"
#include "inject/inject.h"
#include "spec/spec_loader.h"
#include "yaml/yaml_emit.h"

namespace raylog {

void registerInjectCommand(CLI::App& app, CommandAction& action) {
  struct Options {
    std::string spec, output;
    std::vector<std::string> inputs;
    bool operatorRoute = false;
  };
  auto opts = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "inject", "Add a spec's logging to existing RayCluster/RayJob/RayService manifests (other objects pass through)");
  cmd->footer(exit_code::footer({exit_code::kOk, exit_code::kBadInput, exit_code::kWriteFailed, exit_code::kInternal}));
  cmd->add_option("--spec", opts->spec, "RayLogging spec file")->required();
  cmd->add_option("inputs", opts->inputs, "Manifest files or directories (recursive), or - for standard input (default)");
  cmd->add_option("-o,--output", opts->output, "Write to this file instead of standard output (all or nothing)");
  cmd->add_flag("--operator", opts->operatorRoute,
                "KubeRay's operator adds the agent (render --operator-values): add only the volumes its sidecars "
                "mount and the Ray container's /tmp/ray mount, and no ConfigMap");
  cmd->callback([opts, &action] {
    action = [opts] {
      const Spec spec = loadSpecFile(opts->spec);
      const std::vector<SourceDocument> docs = readManifests(opts->inputs.empty() ? std::vector<std::string>{"-"} : opts->inputs);
      InjectResult result = injectLogging(spec, docs, opts->operatorRoute);
      std::vector<std::string> notes;
      const std::string text = injectedStream(docs, result, &notes);
      try {
        writeOutput(opts->output, text);
      } catch (const std::runtime_error& e) {
        std::cerr << "raylog-gen: error: " << e.what() << "\n";
        return exit_code::kWriteFailed;
      }
      for (const std::string& line : result.summary) progress() << "raylog-gen: " << line << "\n";
      for (const std::string& line : notes) progress() << "raylog-gen: note: " << line << "\n";
      return exit_code::kOk;
    };
  });
}

}  // namespace raylog
