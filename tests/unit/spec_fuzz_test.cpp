// Mutated specs never crash the loader: every outcome is a Spec or an InputError with a location.
#include <boost/filesystem.hpp>
#include <catch2/catch.hpp>
#include <random>

#include <cstdio>
#include <fstream>

#include "lint/linter.h"
#include "render/render.h"
#include "spec/spec_loader.h"
#include "test_helpers.h"
#include "yaml/source_file.h"

using namespace raylog;

TEST_CASE("thousands of byte-level mutations of the examples load or fail cleanly") {
  std::mt19937 rng(20261122);  // fixed seed: the same cases every run
  const std::string alphabet = "{}[]:,-#&*!|>'\"%@`\n\t 0123456789abcXYZ~.\\$()";
  size_t loaded = 0, rejected = 0;
  for (const std::string& path : testing::exampleSpecs()) {
    const std::string original = readInputFile(path);
    for (int round = 0; round < 400; ++round) {
      std::string text = original;
      const int edits = 1 + static_cast<int>(rng() % 4);
      for (int e = 0; e < edits && !text.empty(); ++e) {
        size_t at = rng() % text.size();
        switch (rng() % 3) {
          case 0: text[at] = alphabet[rng() % alphabet.size()]; break;
          case 1: text.erase(at, 1 + rng() % 8); break;
          default: text.insert(at, 1, alphabet[rng() % alphabet.size()]); break;
        }
      }
      try {
        Spec s = loadSpecText(text, "fuzz.yaml");
        renderStream(s);  // a spec that loads must also render
        ++loaded;
      } catch (const InputError& e) {
        REQUIRE_FALSE(e.diagnostics().empty());
        CHECK(e.diagnostics()[0].where.file == "fuzz.yaml");
        ++rejected;
      }
    }
  }
  CHECK(loaded > 0);
  CHECK(rejected > 0);
}

TEST_CASE("mutated manifests never crash lint") {
  std::mt19937 rng(1122);
  const std::string alphabet = "{}[]:,-#&*!|>'\"%@`\n\t 0123456789abcXYZ~.\\$()";
  // One file per test process: several builds (worktrees, CI jobs) may run this test at once.
  const std::string path = (boost::filesystem::temp_directory_path() /
                            boost::filesystem::unique_path("raylog-lint-fuzz-%%%%-%%%%-%%%%.yaml")).string();
  size_t runs = 0;
  for (const std::string& spec : testing::exampleSpecs()) {
    const std::string original = readInputFile(spec.substr(0, spec.size() - std::string("raylog.yaml").size()) + "rendered.yaml");
    for (int round = 0; round < 60; ++round) {
      std::string text = original;
      for (int e = 0; e < 1 + static_cast<int>(rng() % 6) && !text.empty(); ++e) {
        size_t at = rng() % text.size();
        if (rng() % 2) text[at] = alphabet[rng() % alphabet.size()];
        else text.erase(at, 1 + rng() % 12);
      }
      std::ofstream(path, std::ios::trunc) << text;
      lint::LintResult r = lint::runLint({path}, {});  // must not throw
      CHECK(r.filesRead == 1);
      ++runs;
    }
  }
  std::remove(path.c_str());
  CHECK(runs > 500);
}
