// raylog-gen command line: parses arguments, runs the chosen command, and turns every failure
// into a message for people and an exit code (never an exception trace).
#include <CLI/CLI.hpp>
#include <sys/resource.h>

#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>
#include <new>

#include "cli/command.h"
#include "cli/console.h"
#include "cli/exit_codes.h"
#include "cli/usage_error.h"
#include "pieces/logging_pieces.h"
#include "util/diagnostic.h"

// A backstop against pathological input that makes a library allocate without bound: past this,
// allocation fails with std::bad_alloc (an error message) instead of the OOM killer.
// Not under AddressSanitizer: its shadow memory is terabytes of address space, so every
// allocation would fail (the fuzz build's binary then could not write its own man page).
#if defined(__SANITIZE_ADDRESS__)
#define RAYLOG_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define RAYLOG_ASAN 1
#endif
#endif
static void limitAddressSpace() {
#ifndef RAYLOG_ASAN
  rlimit limit{};
  if (getrlimit(RLIMIT_AS, &limit) != 0) return;
  const rlim_t cap = rlim_t{4} << 30;  // 4 GiB: inputs are at most 16 MiB
  if (limit.rlim_max == RLIM_INFINITY || limit.rlim_max > cap) {
    limit.rlim_cur = cap;
    setrlimit(RLIMIT_AS, &limit);
  }
#endif
}

int main(int argc, char** argv) {
  using namespace raylog;
  limitAddressSpace();
  // Installed as kustomize's exec plugin (`raylog-gen plugin install`), the binary runs as RayLogging.
  const std::string self = argv[0];
  if (self.size() >= 10 && self.compare(self.size() - 10, 10, "RayLogging") == 0 &&
      (self.size() == 10 || self[self.size() - 11] == '/'))
    return runKustomizeExecPlugin(argc, argv);
  // Helm's post-renderer without arguments (`--post-renderer raylog-gen`, as Helm before 3.10
  // allows): no arguments at all and RAYLOG_GEN_SPEC set means `inject --spec $RAYLOG_GEN_SPEC`,
  // manifests on stdin. With arguments, Helm's --post-renderer-args are an ordinary command line.
  std::vector<std::string> helmArgs;
  std::vector<char*> helmArgv;
  if (const char* spec = std::getenv("RAYLOG_GEN_SPEC"); argc == 1 && spec && *spec) {
    helmArgs = {argv[0], "inject", "--spec", spec};
    for (std::string& a : helmArgs) helmArgv.push_back(a.data());
    argc = static_cast<int>(helmArgv.size());
    argv = helmArgv.data();
  }
  CLI::App app{"raylog-gen: logging for Ray on Kubernetes (KubeRay). Renders a RayCluster whose logs "
               "outlive its pods from a short RayLogging spec.",
               "raylog-gen"};
  app.set_version_flag("--version", std::string("raylog-gen ") + RAYLOG_VERSION);
  app.footer(exit_code::footer({exit_code::kOk, exit_code::kFindings, exit_code::kBadInput, exit_code::kWriteFailed,
                                exit_code::kInternal}));
  app.require_subcommand(1);
  // Unknown words and options are collected rather than thrown, so the error can name the
  // subcommand, suggest a spelling and show that subcommand's usage (cli/usage_error.cpp).
  app.allow_extras();
  app.fallthrough();  // --quiet is accepted after the subcommand too
  bool quiet = false;
  app.add_flag("-q,--quiet", quiet, "Print no progress lines on stderr (errors are still printed)");

  CommandAction action;
  registerRenderCommand(app, action);
  registerSchemaCommand(app, action);
  registerInjectCommand(app, action);
  registerPluginCommand(app, action);
  registerKrmCommand(app, action);
  registerLintCommands(app, action);
  registerVersionCommand(app, action);
  registerCompletionCommand(app, action);
  registerManpageCommand(app, action);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    return reportUsageError(app, e.what());
  }
  if (!firstStrayArgument(app).empty()) return reportUsageError(app, "");
  setQuiet(quiet);

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
