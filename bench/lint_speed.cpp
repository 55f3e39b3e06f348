// lint's speed and memory against the YAML parser's: renders N RayCluster+ConfigMap files into a
// folder, then runs, side by side in one run, a bare single-threaded yaml-cpp parse of them
// (bare_parse) and `raylog-gen lint DIR`, each as a whole process, 3 times, and prints the
// median wall time, the ratio lint/parse, files per second and peak RSS (wait4's ru_maxrss), and
// the CPU time (user + system) of that run, which load from elsewhere on the machine bends less.
//   cmake --build build --target lint_speed && ./build/bench/lint_speed [N...]   (default 2000 20000)
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <boost/filesystem.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "render/render.h"
#include "spec/spec_loader.h"

namespace fs = boost::filesystem;

extern char** environ;

namespace {

// A rendered cluster per file: head and two worker groups, Fluent Bit sidecars, their ConfigMap.
std::string makeCorpus(int files) {
  const fs::path dir = fs::temp_directory_path() / ("raylog-lint-speed-" + std::to_string(files));
  if (fs::exists(dir / "done")) return dir.string();
  fs::create_directories(dir);
  for (int i = 0; i < files; ++i) {
    const std::string spec = "apiVersion: raylog.dev/v1alpha1\nkind: RayLogging\nmetadata:\n  name: c" +
                             std::to_string(i) + "\n  namespace: ns" + std::to_string(i % 50) +
                             "\nspec:\n  workerGroups: [{name: a}, {name: b, gpu: 1}]\n  output: {type: stdout}\n";
    std::ofstream(dir / ("cluster-" + std::to_string(i) + ".yaml"))
        << raylog::renderStream(raylog::loadSpecText(spec, "bench"));
  }
  std::ofstream(dir / "done") << "";
  return dir.string();
}

struct Run {
  double seconds = 0;
  double cpuSeconds = 0;  // user + system: what the work costs, whatever else runs on the machine
  long peakKiB = 0;
  int status = 0;
};

// One whole process, output to /dev/null; posix_spawn does not copy this process's memory
// into the child, so ru_maxrss is the child's own.
Run runOnce(const std::vector<std::string>& argv) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const auto start = std::chrono::steady_clock::now();
  pid_t pid = 0;
  Run run;
  if (posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ) != 0) {
    run.status = -1;
    return run;
  }
  rusage usage{};
  int status = 0;
  wait4(pid, &status, 0, &usage);
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  run.peakKiB = usage.ru_maxrss;
  run.cpuSeconds = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                   static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  posix_spawn_file_actions_destroy(&actions);
  return run;
}

// Median wall time and the largest peak RSS of 3 runs, parse and lint interleaved so load
// from elsewhere on the machine falls on both alike.
void measure(int files, const std::string& bare, const std::string& raylog) {
  const std::string dir = makeCorpus(files);
  std::vector<Run> parses, lints;
  for (int i = 0; i < 3; ++i) {
    parses.push_back(runOnce({bare, dir}));
    lints.push_back(runOnce({raylog, "lint", dir}));
  }
  auto median = [](std::vector<Run> runs) {
    std::sort(runs.begin(), runs.end(), [](const Run& a, const Run& b) { return a.seconds < b.seconds; });
    Run m = runs[1];
    for (const Run& r : runs) m.peakKiB = std::max(m.peakKiB, r.peakKiB);
    return m;
  };
  const Run parse = median(parses), lint = median(lints);
  std::printf("%6d files  parse %6.2f s (cpu %6.2f s) %6.0f files/s %5.1f MiB | lint %6.2f s (cpu %6.2f s) %6.0f files/s "
              "%5.1f MiB exit %d | ratio %.2f (cpu %.2f)\n",
              files, parse.seconds, parse.cpuSeconds, files / parse.seconds, parse.peakKiB / 1024.0, lint.seconds,
              lint.cpuSeconds, files / lint.seconds, lint.peakKiB / 1024.0, lint.status, lint.seconds / parse.seconds,
              lint.cpuSeconds / parse.cpuSeconds);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  const fs::path here = fs::canonical(fs::path(argv[0]).parent_path());
  const std::string bare = (here / "bare_parse").string(), raylog = (here.parent_path() / "raylog-gen").string();
  std::printf("%u cores (nproc); lint = %s lint DIR; parse = bare_parse DIR (yaml-cpp, 1 thread); median of 3\n",
              std::thread::hardware_concurrency(), raylog.c_str());
  std::vector<int> sizes;
  for (int i = 1; i < argc; ++i) sizes.push_back(std::stoi(argv[i]));
  if (sizes.empty()) sizes = {2000, 20000};
  for (int n : sizes) measure(n, bare, raylog);
  return 0;
}
