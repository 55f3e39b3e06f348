// raylog-gen plugin install [--home DIR] [--copy]: puts raylog-gen where kubectl kustomize looks
// for the legacy exec plugin of kind RayLogging.
#include <unistd.h>

#include <boost/filesystem.hpp>
#include <cstdlib>
#include <iostream>
#include <memory>

#include "cli/command.h"
#include "cli/exit_codes.h"

namespace raylog {

namespace fs = boost::filesystem;

static std::string configHome(const std::string& home) {
  if (!home.empty()) return home;
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg) return xdg;
  if (const char* h = std::getenv("HOME"); h && *h) return std::string(h) + "/.config";
  return "";
}

void registerPluginCommand(CLI::App& app, CommandAction& action) {
  struct Options {
    std::string home;
    bool copy = false;
  };
  auto opts = std::make_shared<Options>();
  CLI::App* plugin = app.add_subcommand("plugin", "Manage the kustomize plugin");
  plugin->require_subcommand(1);
  plugin->footer(exit_code::footer({exit_code::kOk, exit_code::kBadInput}));
  CLI::App* install = plugin->add_subcommand(
      "install", "Install raylog-gen as kustomize's RayLogging exec plugin (kubectl kustomize --enable-alpha-plugins)");
  install->footer(exit_code::footer({exit_code::kOk, exit_code::kBadInput, exit_code::kWriteFailed, exit_code::kInternal}));
  install->add_option("--home", opts->home, "Config folder (default: $XDG_CONFIG_HOME, else ~/.config)");
  install->add_flag("--copy", opts->copy, "Copy the executable instead of linking to it");
  install->callback([opts, &action] {
    action = [opts]() -> int {
      const std::string home = configHome(opts->home);
      if (home.empty()) {
        std::cerr << "raylog-gen: error: neither --home, $XDG_CONFIG_HOME nor $HOME is set; pass --home DIR\n";
        return exit_code::kBadInput;
      }
      const fs::path dir = fs::path(home) / "kustomize/plugin/raylog.dev/v1alpha1/raylogging";
      const fs::path target = dir / "RayLogging";
      boost::system::error_code ec;
      const fs::path self = fs::read_symlink("/proc/self/exe", ec);
      if (ec) {
        std::cerr << "raylog-gen: error: cannot find this executable's path: " << ec.message() << "\n";
        return exit_code::kWriteFailed;
      }
      fs::create_directories(dir, ec);
      if (!ec) fs::remove(target, ec);
      if (!ec) {
        if (opts->copy) fs::copy_file(self, target, fs::copy_option::overwrite_if_exists, ec);
        else fs::create_symlink(self, target, ec);
      }
      if (ec) {
        std::cerr << "raylog-gen: error: cannot install " << target.string() << ": " << ec.message() << "\n";
        return exit_code::kWriteFailed;
      }
      std::cout << "installed " << target.string() << (opts->copy ? " (copy of " : " -> ") << self.string()
                << (opts->copy ? ")" : "") << "\n"
                << "use it with: XDG_CONFIG_HOME=" << home << " kubectl kustomize --enable-alpha-plugins DIR\n";
      return exit_code::kOk;
    };
  });
}

}  // namespace raylog
