// Command-line habits on the real binary: version, did-you-mean with the subcommand's usage,
// --quiet, --color, -f, and the exit codes each subcommand's --help lists.
#include <catch2/catch.hpp>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "run_process.h"

namespace {

std::string example(const std::string& name) { return sourceDir() + "/examples/" + name; }

// The codes listed under "Exit codes:" in a help text.
std::set<int> listedExitCodes(const std::string& help) {
  std::set<int> codes;
  const size_t at = help.find("Exit codes:\n");
  REQUIRE(at != std::string::npos);
  const std::regex line(R"(  (\d+) +\S.*)");
  std::istringstream rest(help.substr(at + 12));
  std::smatch m;
  for (std::string text; std::getline(rest, text);)
    if (std::regex_match(text, m, line)) codes.insert(std::stoi(m[1]));
  return codes;
}

}  // namespace

TEST_CASE("version prints version, commit, build date and compiler; --version the first line") {
  ProcessResult r = runProcess({raylogBinary(), "version"});
  CHECK(r.exitCode == 0);
  CHECK(std::regex_search(r.out, std::regex(R"(^raylog-gen \d+\.\d+\.\d+\ncommit:   ([0-9a-f]{12}(-dirty)?|unknown)\n)"
                                            R"(built:    \d{4}-\d{2}-\d{2}\ncompiler: \S+ \d+[.\d]*\n$)")));
  ProcessResult flag = runProcess({raylogBinary(), "--version"});
  CHECK(flag.exitCode == 0);
  CHECK(r.out.rfind(flag.out, 0) == 0);
}

TEST_CASE("an unknown subcommand or option: did-you-mean, then that subcommand's usage, exit 2") {
  ProcessResult cmd = runProcess({raylogBinary(), "rendr", "spec.yaml"});
  CHECK(cmd.exitCode == 2);
  CHECK(cmd.out.empty());
  CHECK(cmd.err.rfind("raylog-gen: error: unknown command 'rendr' for 'raylog-gen' (did you mean 'render'?)\n", 0) == 0);
  CHECK_THAT(cmd.err, Catch::Contains("Usage: raylog-gen [OPTIONS] SUBCOMMAND"));

  ProcessResult opt = runProcess({raylogBinary(), "lint", "--formt", "json", example("sidecar-stdout/rendered.yaml")});
  CHECK(opt.exitCode == 2);
  CHECK(opt.out.empty());
  CHECK(opt.err.rfind("raylog-gen: error: unknown option '--formt' for 'raylog-gen lint' (did you mean '--format'?)\n", 0) == 0);
  CHECK_THAT(opt.err, Catch::Contains("Usage: raylog-gen lint [OPTIONS] paths...") && Catch::Contains("--fail-on"));
  CHECK_THAT(opt.err, !Catch::Contains("Subcommands:"));  // lint's usage, not the top-level one

  ProcessResult nested = runProcess({raylogBinary(), "plugin", "instal"});
  CHECK(nested.exitCode == 2);
  CHECK_THAT(nested.err, Catch::Contains("unknown command 'instal' for 'raylog-gen plugin' (did you mean 'install'?)") &&
                             Catch::Contains("Usage: raylog-gen plugin"));

  ProcessResult extra = runProcess({raylogBinary(), "render", example("sidecar-stdout/raylog.yaml"), "more.yaml"});
  CHECK(extra.exitCode == 2);
  CHECK(extra.out.empty());
  CHECK_THAT(extra.err, Catch::Contains("unexpected argument 'more.yaml' for 'raylog-gen render'"));

  ProcessResult missing = runProcess({raylogBinary(), "render"});
  CHECK(missing.exitCode == 2);
  CHECK_THAT(missing.err, Catch::Contains("raylog-gen: error: spec is required") &&
                              Catch::Contains("Usage: raylog-gen render"));
}

TEST_CASE("quiet (-q, --quiet) drops progress lines, never errors, before or after the subcommand") {
  const std::vector<std::string> inject = {"inject", "--spec", example("sidecar-stdout/raylog.yaml"),
                                           example("sidecar-stdout/rendered.yaml")};
  std::vector<std::string> loud{raylogBinary()};
  loud.insert(loud.end(), inject.begin(), inject.end());
  ProcessResult noisy = runProcess(loud);
  CHECK(noisy.exitCode == 0);
  CHECK_THAT(noisy.err, Catch::Contains("raylog-gen: RayCluster/demo: logging already up to date"));
  std::vector<std::string> before{raylogBinary(), "--quiet"}, after = loud;
  before.insert(before.end(), inject.begin(), inject.end());
  after.push_back("-q");
  for (const auto& argv : {before, after}) {
    ProcessResult quiet = runProcess(argv);
    CHECK(quiet.exitCode == 0);
    CHECK(quiet.err.empty());
    CHECK(quiet.out == noisy.out);
  }
  // inject's notes (a flow-style document it had to write out whole) are progress lines too.
  const std::string flow = "{apiVersion: ray.io/v1, kind: RayCluster, metadata: {name: demo}, spec: {headGroupSpec: "
                           "{rayStartParams: {}, template: {spec: {containers: [{name: ray-head, image: "
                           "\"rayproject/ray:2.46.0\"}]}}}}}\n";
  const std::vector<std::string> fromStdin = {raylogBinary(), "inject", "--spec", example("sidecar-stdout/raylog.yaml"), "-"};
  ProcessResult noted = runProcess(fromStdin, flow);
  CHECK(noted.exitCode == 0);
  CHECK_THAT(noted.err, Catch::Contains("raylog-gen: note: RayCluster/demo: written out whole"));
  std::vector<std::string> quietNoted = fromStdin;
  quietNoted.push_back("--quiet");
  ProcessResult silent = runProcess(quietNoted, flow);
  CHECK(silent.exitCode == 0);
  CHECK(silent.err.empty());
  CHECK(silent.out == noted.out);
  ProcessResult error = runProcess({raylogBinary(), "-q", "render", "/nonexistent.yaml"});
  CHECK(error.exitCode == 2);
  CHECK_THAT(error.err, Catch::Contains("/nonexistent.yaml: error: cannot read file"));
}

TEST_CASE("lint --color: always colours severity and location, never and the default off a terminal do not") {
  const std::string bad = sourceDir() + "/tests/lint/guide-style.yaml";
  ProcessResult always = runProcess({"/usr/bin/env", "NO_COLOR=1", raylogBinary(), "lint", "--color=always", bad});
  CHECK(always.exitCode == 1);
  CHECK_THAT(always.out, Catch::Contains("\x1b[1m") && Catch::Contains("\x1b[1;31merror\x1b[0m") &&
                             Catch::Contains("\x1b[1;33mwarning\x1b[0m"));
  ProcessResult never = runProcess({raylogBinary(), "lint", "--color", "never", bad});
  ProcessResult piped = runProcess({raylogBinary(), "lint", bad});  // auto, stdout is a pipe
  CHECK(never.out.find('\x1b') == std::string::npos);
  CHECK(piped.out == never.out);
  ProcessResult json = runProcess({raylogBinary(), "lint", "--color=always", "-f", "json", bad});
  CHECK(json.out.find('\x1b') == std::string::npos);  // colour is for people: text only
  ProcessResult wrong = runProcess({raylogBinary(), "lint", "--color=allways", bad});
  CHECK(wrong.exitCode == 2);
  CHECK_THAT(wrong.err, Catch::Contains("unknown --color 'allways' (did you mean 'always'?)"));
}

TEST_CASE("lint -f is --format") {
  const std::string bad = sourceDir() + "/tests/lint/guide-style.yaml";
  ProcessResult shortForm = runProcess({raylogBinary(), "lint", "-f", "sarif", bad});
  ProcessResult longForm = runProcess({raylogBinary(), "lint", "--format", "sarif", bad});
  CHECK(shortForm.exitCode == 1);
  CHECK(shortForm.out == longForm.out);
  CHECK_THAT(shortForm.out, Catch::Contains("\"version\": \"2.1.0\""));
}

TEST_CASE("each subcommand's --help lists exactly the exit codes it can return") {
  const std::map<std::vector<std::string>, std::set<int>> expected = {
      {{}, {0, 1, 2, 3, 70}},
      {{"render"}, {0, 2, 3, 70}},
      {{"schema"}, {0, 2, 70}},
      {{"inject"}, {0, 2, 3, 70}},
      {{"plugin"}, {0, 2}},
      {{"plugin", "install"}, {0, 2, 3, 70}},
      {{"krm"}, {0, 2, 70}},
      {{"lint"}, {0, 1, 2, 3, 70}},
      {{"explain"}, {0, 2}},
      {{"rules"}, {0, 2}},
      {{"version"}, {0, 2}},
      {{"completion"}, {0, 2}},
  };
  for (const auto& [words, codes] : expected) {
    std::vector<std::string> argv{raylogBinary()};
    argv.insert(argv.end(), words.begin(), words.end());
    argv.push_back("--help");
    ProcessResult help = runProcess(argv);
    INFO(help.out);
    CHECK(help.exitCode == 0);
    CHECK(listedExitCodes(help.out) == codes);
  }
  // The codes are real: lint's 1 and render's 3 happen.
  CHECK(runProcess({raylogBinary(), "lint", sourceDir() + "/tests/lint/guide-style.yaml"}).exitCode == 1);
  CHECK(runProcess({raylogBinary(), "render", example("sidecar-stdout/raylog.yaml"), "-o", "/nonexistent/dir/x.yaml"})
            .exitCode == 3);
}

TEST_CASE("completion and manpage are written from the command line; an unknown shell is a usage error") {
  for (const char* shell : {"bash", "zsh", "fish"}) {
    ProcessResult r = runProcess({raylogBinary(), "completion", shell});
    CHECK(r.exitCode == 0);
    for (const char* word : {"render", "lint", "explain", "format", "fail-on", "sarif", "install"}) {
      INFO(shell << " " << word);
      CHECK_THAT(r.out, Catch::Contains(word));
    }
  }
  ProcessResult bad = runProcess({raylogBinary(), "completion", "tcsh"});
  CHECK(bad.exitCode == 2);
  CHECK_THAT(bad.err, Catch::Contains("no completion for shell 'tcsh'; use bash, zsh or fish"));
  ProcessResult man = runProcess({raylogBinary(), "manpage"});
  CHECK(man.exitCode == 0);
  CHECK_THAT(man.out, Catch::StartsWith(".\\\" Generated") && Catch::Contains(".TH RAYLOG\\-GEN 1") &&
                          Catch::Contains(".SS \"raylog\\-gen lint\"") && Catch::Contains("\\fB\\-\\-color\\fR"));
  CHECK_THAT(runProcess({raylogBinary(), "--help"}).out, !Catch::Contains("manpage"));  // hidden
}
