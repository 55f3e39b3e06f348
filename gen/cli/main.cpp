// raylog-gen command line: parses arguments, runs the chosen command, and turns every failure
// into a message for people and an exit code (never an exception trace).
#include <CLI/CLI.hpp>
#include <sys/resource.h>

#include <iostream>
#include <new>

#include "cli/command.h"
#include "cli/exit_codes.h"
#include "pieces/logging_pieces.h"
#include "util/diagnostic.h"

namespace {

const char* kExitCodesHelp =
    "Exit codes:\n"
    "  0   success\n"
    "  1   lint found problems at or above --fail-on (default: error)\n"
    "  2   invalid input (spec or manifest), an unreadable lint input, or wrong command-line usage\n"
    "  3   the output file could not be written\n"
    "  70  internal error in raylog-gen (please report it)\n";

}  // namespace

// A backstop against pathological input that makes a library allocate without bound: past this,
// allocation fails with std::bad_alloc (an error message) instead of the OOM killer.
static void limitAddressSpace() {
  rlimit limit{};
  if (getrlimit(RLIMIT_AS, &limit) != 0) return;
  const rlim_t cap = rlim_t{4} << 30;  // 4 GiB: inputs are at most 16 MiB
  if (limit.rlim_max == RLIM_INFINITY || limit.rlim_max > cap) {
    limit.rlim_cur = cap;
    setrlimit(RLIMIT_AS, &limit);
  }
}

int main(int argc, char** argv) {
  using namespace raylog;
  limitAddressSpace();
  // Installed as kustomize's exec plugin (`raylog-gen plugin install`), the binary runs as RayLogging.
  const std::string self = argv[0];
  if (self.size() >= 10 && self.compare(self.size() - 10, 10, "RayLogging") == 0 &&
      (self.size() == 10 || self[self.size() - 11] == '/'))
    return runKustomizeExecPlugin(argc, argv);
  CLI::App app{"raylog-gen: logging for Ray on Kubernetes (KubeRay). Renders a RayCluster whose logs "
               "outlive its pods from a short RayLogging spec."};
  app.set_version_flag("--version", std::string("raylog-gen ") + RAYLOG_VERSION);
  app.footer(kExitCodesHelp);
  app.require_subcommand(1);

  CommandAction action;
  registerRenderCommand(app, action);
  registerSchemaCommand(app, action);
  registerInjectCommand(app, action);
  registerPluginCommand(app, action);
  registerKrmCommand(app, action);
  registerLintCommands(app, action);

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
    return action ? action() : exit_code::kBadInput;
  } catch (const InputError& e) {
    for (const Diagnostic& d : e.diagnostics()) std::cerr << d.format() << "\n";
    return exit_code::kBadInput;
  } catch (const PieceConflict& e) {
    std::cerr << "raylog-gen: error: " << e.what() << "\n";
    return exit_code::kBadInput;
  } catch (const std::bad_alloc&) {
    std::cerr << "raylog-gen: error: the input needs more memory than raylog-gen allows (4 GiB); it is probably "
                 "malformed YAML\n";
    return exit_code::kBadInput;
  } catch (const std::exception& e) {
    std::cerr << "raylog-gen: internal error: " << e.what() << "; please report this with the input that caused it\n";
    return exit_code::kInternal;
  }
}
