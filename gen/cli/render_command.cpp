// raylog-gen render SPEC [-o FILE]
#include <iostream>
#include <memory>

#include "cli/command.h"
#include "cli/exit_codes.h"
#include "cli/output_file.h"
#include "render/out_dir.h"
#include "render/render.h"
#include "spec/spec_loader.h"

namespace raylog {

void registerRenderCommand(CLI::App& app, CommandAction& action) {
  struct Options {
    std::string spec, output, outDir;
  };
  auto opts = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("render", "Render a RayLogging spec into Kubernetes manifests (stdout by default)");
  cmd->add_option("spec", opts->spec, "RayLogging spec file, or - for standard input")->required();
  CLI::Option* output =
      cmd->add_option("-o,--output", opts->output, "Write to this file instead of standard output (all or nothing)");
  cmd->add_option("--out-dir", opts->outDir,
                  "Write one file per object group and a kustomization.yaml listing them into this folder")
      ->excludes(output);
  cmd->callback([opts, &action] {
    action = [opts] {
      const Spec spec = loadSpecFile(opts->spec);  // throws before anything is written
      try {
        if (!opts->outDir.empty()) {
          writeOutputDir(opts->outDir, outDirFiles(renderObjects(spec), renderHeader(spec)));
          return exit_code::kOk;
        }
        writeOutput(opts->output, renderStream(spec));
      } catch (const std::runtime_error& e) {
        std::cerr << "raylog-gen: error: " << e.what() << "\n";
        return exit_code::kWriteFailed;
      }
      return exit_code::kOk;
    };
  });
}

}  // namespace raylog
