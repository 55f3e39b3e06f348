// raylog-gen command line: CLI11 wiring only; the work happens in the library.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/exit_codes.h"
#include "cli/output_file.h"
#include "pieces/logging_pieces.h"
#include "render/render.h"
#include "spec/spec_loader.h"
#include "util/diagnostic.h"
#include "util/resources.h"

namespace {

const char* kExitCodesHelp =
    "Exit codes:\n"
    "  0   success\n"
    "  1   lint found problems at or above --fail-on (reserved; lint is not built yet)\n"
    "  2   invalid input (spec or manifest) or wrong command-line usage; details on stderr\n"
    "  3   the output file could not be written\n"
    "  70  internal error in raylog-gen (please report it)\n";

void printDiagnostics(const raylog::InputError& e) {
  for (const raylog::Diagnostic& d : e.diagnostics()) std::cerr << d.format() << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  using namespace raylog;
  CLI::App app{"raylog-gen: logging for Ray on Kubernetes (KubeRay). Renders a RayCluster whose logs "
               "outlive its pods from a short RayLogging spec."};
  app.set_version_flag("--version", std::string("raylog-gen ") + RAYLOG_VERSION);
  app.footer(kExitCodesHelp);
  app.require_subcommand(1);

  std::string specPath, outPath;
  CLI::App* render = app.add_subcommand("render", "Render a RayLogging spec into Kubernetes manifests (stdout by default)");
  render->add_option("spec", specPath, "RayLogging spec file, or - for standard input")->required();
  render->add_option("-o,--output", outPath, "Write to this file instead of standard output (all or nothing)");

  CLI::App* schema = app.add_subcommand("schema", "Print the JSON Schema of the RayLogging spec (for editors)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "raylog-gen: error: " << e.what() << "; run 'raylog-gen --help' for usage\n";
    return exit_code::kBadInput;
  }

  try {
    if (*schema) {
      writeOutput("", std::string(resource("schemas/raylogging.schema.json")));
      return exit_code::kOk;
    }
    if (*render) {
      std::string text = renderStream(loadSpecFile(specPath));
      try {
        writeOutput(outPath, text);
      } catch (const std::runtime_error& e) {
        std::cerr << "raylog-gen: error: " << e.what() << "\n";
        return exit_code::kWriteFailed;
      }
      return exit_code::kOk;
    }
  } catch (const InputError& e) {
    printDiagnostics(e);
    return exit_code::kBadInput;
  } catch (const PieceConflict& e) {
    std::cerr << "raylog-gen: error: " << e.what() << "\n";
    return exit_code::kBadInput;
  } catch (const std::exception& e) {
    std::cerr << "raylog-gen: internal error: " << e.what() << "; please report this with the input that caused it\n";
    return exit_code::kInternal;
  }
  return exit_code::kOk;
}
