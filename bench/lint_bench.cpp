// Lint throughput and memory: N rendered RayCluster files (with their ConfigMaps) in a temp
// folder, linted as `raylog-gen lint DIR` would. Not part of ctest; run:
//   cmake --build build --target lint_bench && ./build/bench/lint_bench
// Peak RSS is reported per size so growth with the number of files shows.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <boost/filesystem.hpp>
#include <fstream>

#include "lint/linter.h"
#include "render/render.h"
#include "spec/spec_loader.h"

namespace fs = boost::filesystem;

static std::string makeCorpus(int files) {
  const fs::path dir = fs::temp_directory_path() / ("raylog-lint-bench-" + std::to_string(files));
  if (fs::exists(dir / "done")) return dir.string();
  fs::create_directories(dir);
  for (int i = 0; i < files; ++i) {
    const std::string spec = "apiVersion: raylog.dev/v1alpha1\nkind: RayLogging\nmetadata:\n  name: c" +
                             std::to_string(i) + "\n  namespace: ns" + std::to_string(i % 50) +
                             "\nspec:\n  workerGroups: [{name: a}, {name: b, gpu: 1}]\n  output: {type: stdout}\n";
    std::ofstream(dir / ("cluster-" + std::to_string(i) + ".yaml")) << raylog::renderStream(raylog::loadSpecText(spec, "bench"));
  }
  std::ofstream(dir / "done") << "";
  return dir.string();
}

static long peakRssKb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

static void BM_LintFiles(benchmark::State& state) {
  const std::string dir = makeCorpus(static_cast<int>(state.range(0)));
  size_t findings = 0;
  for (auto _ : state) {
    raylog::lint::LintResult r = raylog::lint::runLint({dir}, {});
    findings = r.findings.size();
    benchmark::DoNotOptimize(r);
  }
  state.counters["files/s"] = benchmark::Counter(static_cast<double>(state.range(0)) * state.iterations(),
                                                 benchmark::Counter::kIsRate);
  state.counters["findings"] = static_cast<double>(findings);
  state.counters["peakRSS_MiB"] = static_cast<double>(peakRssKb()) / 1024.0;
}
BENCHMARK(BM_LintFiles)->Arg(200)->Arg(2000)->Unit(benchmark::kMillisecond)->Iterations(3);

BENCHMARK_MAIN();
