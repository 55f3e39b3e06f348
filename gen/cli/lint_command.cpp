// raylog-gen lint PATH..., raylog-gen explain ID, raylog-gen rules.
#include <unistd.h>

#include <algorithm>
#include <boost/filesystem.hpp>
#include <cstdlib>
#include <iterator>
#include <set>
#include <sstream>
#include <iostream>
#include <memory>

#include "cli/choices.h"
#include "cli/command.h"
#include "cli/console.h"
#include "cli/exit_codes.h"
#include "cli/output_file.h"
#include "inject/inject.h"
#include "k8s/manifests.h"
#include "k8s/operator_config.h"
#include "lint/lint_config.h"
#include "lint/linter.h"
#include "lint/report.h"
#include "lint/rule.h"
#include "spec/spec_loader.h"
#include "util/edit_distance.h"
#include "yaml/input_files.h"
#include "yaml/source_file.h"
#include "yaml/yaml_emit.h"

namespace raylog {

namespace {

std::vector<std::string> ruleIds() {  // and names: a misspelt name gets its did-you-mean too
  std::vector<std::string> ids;
  for (const auto& r : lint::allRules()) ids.push_back(r->info().id);
  for (const auto& r : lint::allRules()) ids.push_back(r->info().name);
  return ids;
}

std::string unknownRule(const std::string& id) {
  return "unknown rule '" + id + "'" + didYouMean(id, ruleIds()) + "; `raylog-gen rules` lists them";
}

// The error-level findings of a lint run, as "RULE|message" (lines move when a file is rewritten).
std::multiset<std::string> errorsOf(const lint::LintResult& r) {
  std::multiset<std::string> out;
  for (const lint::Finding& f : r.findings)
    if (f.severity == lint::Severity::Error && f.ruleId != "RL001") out.insert(f.ruleId + "|" + f.message);
  return out;
}

std::string ruleList(const std::multiset<std::string>& errors) {
  std::set<std::string> ids;
  for (const std::string& e : errors) ids.insert(e.substr(0, e.find('|')));
  std::string out;
  for (const std::string& id : ids) out += (out.empty() ? "" : ", ") + id;
  return out;
}

// lint --fix: a file with errors is rewritten with the spec's logging pieces (inject's code path)
// only when that mends some of its errors and adds none; other files are left as they are, with
// the reason on stderr. lint then runs again on the result.
int fixFiles(const std::vector<std::string>& paths, const Spec& spec, const lint::LintOptions& options) {
  for (const std::string& file : expandInputPaths(paths)) {
    if (file == "-") {
      std::cerr << "raylog-gen: error: --fix rewrites files; it cannot fix standard input (use inject)\n";
      return exit_code::kBadInput;
    }
    const std::multiset<std::string> before = errorsOf(lint::runLint({file}, options));
    if (before.empty()) continue;
    const std::string text = readInputFile(file);
    const std::vector<SourceDocument> docs = parseManifests(text, file);
    InjectResult fixed;
    try {
      fixed = injectLogging(spec, docs, options.operatorSidecars != nullptr);  // --operator-values: as inject --operator
    } catch (const InputError& e) {
      for (const Diagnostic& d : e.diagnostics())
        std::cerr << "raylog-gen: not fixed " << d.format() << "; file left unchanged\n";
      continue;
    }
    const std::string out = injectedStream(docs, fixed);
    const std::multiset<std::string> after = errorsOf(lint::runLintOnText(out, file, options));
    std::multiset<std::string> added;
    std::set_difference(after.begin(), after.end(), before.begin(), before.end(), std::inserter(added, added.end()));
    if (!added.empty() || after.size() >= before.size()) {
      std::cerr << "raylog-gen: not fixed " << file << ": adding " << spec.agent.type << " logging would "
                << (added.empty() ? "not mend its errors (" + ruleList(before) + "); they need a hand edit"
                                  : "bring new errors (" + ruleList(added) + ")")
                << "; file left unchanged\n";
      continue;
    }
    try {
      writeOutput(file, out);
    } catch (const std::runtime_error& e) {
      std::cerr << "raylog-gen: error: " << e.what() << "\n";
      return exit_code::kWriteFailed;
    }
    for (const std::string& line : fixed.summary) progress() << "raylog-gen: fixed " << file << ": " << line << "\n";
  }
  return exit_code::kOk;
}

// --color: auto colours a terminal unless NO_COLOR is set (no-color.org); always and never win.
bool parseColor(const std::string& mode, bool& color) {
  if (mode == "always") color = true;
  else if (mode == "never") color = false;
  else if (mode == "auto") {
    const char* noColor = std::getenv("NO_COLOR");
    const char* term = std::getenv("TERM");
    color = isatty(STDOUT_FILENO) && !(noColor && *noColor) && !(term && std::string(term) == "dumb");
  } else return false;
  return true;
}

}  // namespace

void registerLintCommands(CLI::App& app, CommandAction& action) {
  struct Options {
    std::vector<std::string> paths, disable;
    std::string format = "text", failOn, config, explainId, fixSpec, stdinName, color = "auto", operatorValues;
    bool fix = false;
  };
  auto opts = std::make_shared<Options>();

  CLI::App* lint = app.add_subcommand("lint", "Check manifests for broken Ray log collection (files, folders, - for stdin)");
  lint->footer(exit_code::footer({exit_code::kOk, exit_code::kFindings, exit_code::kBadInput, exit_code::kWriteFailed,
                                 exit_code::kInternal}));
  lint->add_option("paths", opts->paths, "YAML files, folders (searched for .yaml/.yml) or - for standard input")->required();
  withChoices(lint->add_option("-f,--format", opts->format, "text (default), json, sarif or github"),
              {"text", "json", "sarif", "github"});
  withChoices(lint->add_option("--color", opts->color,
                               "Colour text findings: auto (default: on a terminal, unless NO_COLOR is set), always, never"),
              {"auto", "always", "never"});
  withChoices(lint->add_option("--fail-on", opts->failOn,
                               "Lowest severity that makes the exit code 1: error (default), warning, info"),
              {"error", "warning", "info"});
  withChoices(lint->add_option("--disable", opts->disable, "Rule ID or name to skip (repeatable)"), ruleIds());
  lint->add_option("--config", opts->config, "Settings file (default: .raylog-gen.yaml in the current folder, if any)");
  lint->add_flag("--fix", opts->fix,
                 "Rewrite files whose Ray objects have findings with the logging of --spec added (as inject does)");
  lint->add_option("--spec", opts->fixSpec, "With --fix: the RayLogging spec whose logging to add");
  lint->add_option("--operator-values", opts->operatorValues,
                   "kuberay-operator Helm values whose configuration adds the log agent to every Ray pod: check that "
                   "each cluster carries the volumes and mount its sidecars need (RL130, RL131)");
  lint->add_option("--stdin-filename", opts->stdinName,
                   "The name findings in standard input (-) carry, in every format (e.g. the file it came from)");
  lint->callback([opts, &action] {
    action = [opts]() -> int {
      lint::Format format;
      if (!lint::parseFormat(opts->format, format)) {
        std::cerr << "raylog-gen: error: unknown format '" << opts->format
                  << "'" << didYouMean(opts->format, {"text", "json", "sarif", "github"}) << "; use text, json, sarif or github\n";
        return exit_code::kBadInput;
      }
      bool color = false;
      if (!parseColor(opts->color, color)) {
        std::cerr << "raylog-gen: error: unknown --color '" << opts->color << "'"
                  << didYouMean(opts->color, {"auto", "always", "never"}) << "; use auto, always or never\n";
        return exit_code::kBadInput;
      }
      lint::LintConfig config;
      std::string configPath = opts->config;
      if (configPath.empty() && boost::filesystem::exists(".raylog-gen.yaml")) configPath = ".raylog-gen.yaml";
      if (!configPath.empty()) config = lint::readLintConfig(configPath);  // InputError -> exit 2 in main
      std::vector<std::string> disable;  // --disable RL207,RL208 as well as --disable RL207 --disable RL208
      for (const std::string& arg : opts->disable) {
        std::stringstream list(arg);
        for (std::string id; std::getline(list, id, ',');)
          if (!id.empty()) disable.push_back(id);
      }
      for (const std::string& id : disable) {
        const lint::Rule* rule = lint::findRule(id);
        if (!rule) {
          std::cerr << "raylog-gen: error: --disable: " << unknownRule(id) << "\n";
          return exit_code::kBadInput;
        }
        config.options.disabled.insert(rule->info().id);
      }
      config.options.stdinName = opts->stdinName;
      if (!opts->operatorValues.empty()) config.operatorValues = opts->operatorValues;
      if (!config.operatorValues.empty())  // InputError -> exit 2 in main, before any finding
        config.options.operatorSidecars = std::make_shared<const OperatorSidecars>(readOperatorValues(config.operatorValues));
      if (!opts->failOn.empty() && !lint::parseSeverity(opts->failOn, config.failOn)) {
        std::cerr << "raylog-gen: error: --fail-on is '" << opts->failOn << "'"
                  << didYouMean(opts->failOn, {"error", "warning", "info"}) << "; it must be error, warning or info\n";
        return exit_code::kBadInput;
      }
      if (opts->fix) {
        if (opts->fixSpec.empty()) {
          std::cerr << "raylog-gen: error: --fix needs --spec FILE: the RayLogging spec whose logging pieces to add\n";
          return exit_code::kBadInput;
        }
        const int code = fixFiles(opts->paths, loadSpecFile(opts->fixSpec), config.options);
        if (code != exit_code::kOk) return code;
      }
      const lint::LintResult result = lint::runLint(opts->paths, config.options);
      for (const Diagnostic& d : result.unreadable) std::cerr << d.format() << "\n";
      std::cout << lint::formatFindings(result, format, color) << std::flush;
      if (!result.unreadable.empty()) return exit_code::kBadInput;
      for (const lint::Finding& f : result.findings)
        if (f.severity >= config.failOn) return exit_code::kFindings;
      return exit_code::kOk;
    };
  });

  CLI::App* explain = app.add_subcommand("explain", "Explain a lint rule, with a bad and a good example");
  explain->footer(exit_code::footer({exit_code::kOk, exit_code::kBadInput}));
  withChoices(explain->add_option("rule", opts->explainId, "Rule ID (RL101) or name")->required(), ruleIds());
  explain->callback([opts, &action] {
    action = [opts]() -> int {
      const lint::Rule* rule = lint::findRule(opts->explainId);
      if (!rule) {
        std::cerr << "raylog-gen: error: " << unknownRule(opts->explainId) << "\n";
        return exit_code::kBadInput;
      }
      const lint::RuleInfo& i = rule->info();
      std::cout << i.id << " " << i.name << " (" << lint::severityName(i.severity) << ")\n"
                << i.summary << "\n\nFix: " << i.fix << "\n\n" << i.explanation;
      return exit_code::kOk;
    };
  });

  CLI::App* rules = app.add_subcommand("rules", "List the lint rules");
  rules->footer(exit_code::footer({exit_code::kOk, exit_code::kBadInput}));
  rules->callback([&action] {
    action = []() -> int {
      for (const auto& r : lint::allRules()) {
        const lint::RuleInfo& i = r->info();
        std::string sev = lint::severityName(i.severity);
        std::cout << i.id << "  " << sev << std::string(8 - sev.size(), ' ') << i.name << ": " << i.summary << "\n";
      }
      return exit_code::kOk;
    };
  });
}

}  // namespace raylog
