// The real binary on good and bad specs: message, line:col, exit code, and nothing on stdout
// when the input is bad.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>

#include "run_process.h"

namespace {

struct TempDir {
  std::string path;
  TempDir() {
    char tmpl[] = "/tmp/raylog-cli-XXXXXX";
    path = mkdtemp(tmpl);
  }
  ~TempDir() { std::system(("rm -rf '" + path + "'").c_str()); }
  std::string write(const std::string& name, const std::string& content) const {
    std::string p = path + "/" + name;
    std::ofstream(p, std::ios::binary) << content;
    return p;
  }
};

const std::string kHeader = "apiVersion: raylog.dev/v1alpha1\nkind: RayLogging\nmetadata:\n  name: demo\n";

ProcessResult render(const std::string& path) { return runProcess({raylogBinary(), "render", path}); }

// Renders `content` and expects exit 2, no stdout, and stderr starting with file:line:col and
// containing `message`.
void expectSpecError(const std::string& content, int line, int col, const std::string& message) {
  TempDir dir;
  std::string path = dir.write("spec.yaml", content);
  ProcessResult r = render(path);
  CAPTURE(r.err);
  CHECK(r.exitCode == 2);
  CHECK(r.out.empty());
  std::string where = path + ":" + std::to_string(line) + ":" + std::to_string(col) + ": error: ";
  CHECK(r.err.rfind(where, 0) == 0);
  CHECK_THAT(r.err, Catch::Contains(message));
}

}  // namespace

TEST_CASE("render prints the example's golden output and exits 0") {
  std::string spec = sourceDir() + "/examples/sidecar-stdout/raylog.yaml";
  ProcessResult r = render(spec);
  CHECK(r.exitCode == 0);
  CHECK(r.err.empty());
  std::ifstream golden(sourceDir() + "/examples/sidecar-stdout/rendered.yaml");
  std::string expected((std::istreambuf_iterator<char>(golden)), std::istreambuf_iterator<char>());
  CHECK(r.out == expected);
}

TEST_CASE("render reads the spec from stdin with -") {
  ProcessResult r = runProcess({raylogBinary(), "render", "-"}, kHeader + "spec:\n  output: {type: stdout}\n");
  CHECK(r.exitCode == 0);
  CHECK_THAT(r.out, Catch::Contains("kind: RayCluster"));
  ProcessResult bad = runProcess({raylogBinary(), "render", "-"}, kHeader + "spec:\n  output: {type: stdot}\n");
  CHECK(bad.exitCode == 2);
  CHECK_THAT(bad.err, Catch::StartsWith("<stdin>:6:18: error:") && Catch::Contains("did you mean 'stdout'"));
}

TEST_CASE("a missing file is named, with exit 2 and no output") {
  ProcessResult r = render("/nonexistent/raylog.yaml");
  CHECK(r.exitCode == 2);
  CHECK(r.out.empty());
  CHECK(r.err == "/nonexistent/raylog.yaml: error: cannot read file: no such file; check the path\n");
}

TEST_CASE("unreadable inputs: a directory, and a FIFO that would block a naive reader") {
  TempDir dir;
  ProcessResult d = render(dir.path);
  CHECK(d.exitCode == 2);
  CHECK_THAT(d.err, Catch::Contains("is a directory"));

  std::string fifo = dir.path + "/pipe.yaml";
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  ProcessResult f = runProcess({raylogBinary(), "render", fifo}, "", 10);
  CHECK_FALSE(f.timedOut);
  CHECK(f.exitCode == 2);
  CHECK_THAT(f.err, Catch::Contains("not a regular file"));

  if (geteuid() != 0) {  // root reads through file permissions; the two cases above cover it
    std::string locked = dir.write("locked.yaml", kHeader);
    chmod(locked.c_str(), 0);
    ProcessResult l = render(locked);
    CHECK(l.exitCode == 2);
    CHECK_THAT(l.err, Catch::Contains("cannot read file"));
  }
}

TEST_CASE("an empty file, or one with only comments") {
  expectSpecError("", 1, 1, "file is empty");
  expectSpecError("# nothing here\n", 1, 1, "file is empty");
}

TEST_CASE("invalid YAML is located where the parser stopped") {
  expectSpecError(kHeader + "spec:\n  output: {type: stdout\n", 6, 1, "invalid YAML");
  expectSpecError(kHeader + "spec:\n\toutput: x\n", 6, 1, "invalid YAML: tabs are not allowed for indentation; use spaces");
}

TEST_CASE("bytes that are not UTF-8 are located, not an internal error (found by fuzzing)") {
  expectSpecError(kHeader + "spec:\n  output: {type: st\xC3\x28out}\n", 6, 20, "byte 0xC3 is not UTF-8");
  expectSpecError(kHeader + "  # a surrogate: \xED\xA0\x80\nspec: {output: {type: stdout}}\n", 5, 18, "byte 0xED is not UTF-8");
  expectSpecError(kHeader + "spec: {output: {type: stdout}} # \xF4\x90\x80\x80 past U+10FFFF\n", 5, 34, "byte 0xF4");
}

TEST_CASE("a NUL byte is located, not read as UTF-32 (found by fuzzing inject)") {
  expectSpecError(std::string("\0\0\0apiVersion: raylog.dev/v1alpha1\n", 35) + "kind: RayLogging\n", 1, 1, "NUL byte");
  expectSpecError(kHeader + std::string("spec: {output: {type: std\0out}}\n", 32), 5, 26, "NUL byte");
}

TEST_CASE("several documents in one spec file") {
  expectSpecError(kHeader + "spec:\n  output: {type: stdout}\n---\n" + kHeader, 8, 1, "second YAML document");
}

TEST_CASE("wrong apiVersion or kind") {
  expectSpecError("apiVersion: raylog.dev/v2\nkind: RayLogging\nmetadata: {name: a}\nspec: {output: {type: stdout}}\n",
                  1, 13, "apiVersion is 'raylog.dev/v2', expected 'raylog.dev/v1alpha1'");
  expectSpecError("apiVersion: ray.io/v1\nkind: RayCluster\nmetadata: {name: a}\nspec: {}\n", 2, 7,
                  "this looks like a KubeRay manifest");
}

TEST_CASE("unknown keys come with a did-you-mean") {
  expectSpecError(kHeader + "spec:\n  workerGroups:\n    - name: a\n      replica: 2\n  output: {type: stdout}\n", 8, 7,
                  "unknown key 'replica' in spec.workerGroups[0] (did you mean 'replicas'?)");
  expectSpecError(kHeader + "spec:\n  outptu: {type: stdout}\n", 6, 3, "did you mean 'output'?");
}

TEST_CASE("wrong types say what is expected") {
  expectSpecError(kHeader + "spec:\n  workerGroups: [{name: a, replicas: \"2\"}]\n  output: {type: stdout}\n", 6, 38,
                  "'replicas' must be an integer, not a string");
  expectSpecError(kHeader + "  labels: {tier: 1}\nspec:\n  output: {type: stdout}\n", 5, 18,
                  "put the value in quotes");
}

TEST_CASE("out-of-range values give the range") {
  expectSpecError(kHeader + "spec:\n  agent: {refreshIntervalSeconds: 60}\n  output: {type: stdout}\n", 6, 35,
                  "'refreshIntervalSeconds' is 60; it must be between 1 and 5");
}

TEST_CASE("invalid names explain the rule") {
  expectSpecError("apiVersion: raylog.dev/v1alpha1\nkind: RayLogging\nmetadata:\n  name: My_Cluster\nspec: {output: {type: stdout}}\n",
                  4, 9, "expected a DNS-1035 label");
  expectSpecError(kHeader + "spec:\n  workerGroups: [{name: gpu}, {name: gpu}]\n  output: {type: stdout}\n", 6, 38,
                  "already used by workerGroups[0]");
}

TEST_CASE("a missing required key names the key") {
  expectSpecError(kHeader + "spec:\n  strategy: sidecar\n", 5, 1, "missing required key 'output' in spec");
}

TEST_CASE("deeply nested and very large documents are errors, not crashes") {
  expectSpecError(kHeader + "spec: " + std::string(30000, '[') + "\n", 5, 1, "nesting is too deep");
  TempDir dir;
  std::string big = dir.write("big.yaml", kHeader + "spec:\n  output: {type: stdout}\n#" + std::string(17 * 1024 * 1024, 'x') + "\n");
  ProcessResult r = render(big);
  CHECK(r.exitCode == 2);
  CHECK(r.out.empty());
  CHECK_THAT(r.err, Catch::Contains("larger than 16 MiB"));
}

TEST_CASE("render -o writes all or nothing") {
  TempDir dir;
  std::string spec = dir.write("spec.yaml", kHeader + "spec:\n  output: {type: stdout}\n");
  std::string out = dir.path + "/cluster.yaml";
  CHECK(runProcess({raylogBinary(), "render", spec, "-o", out}).exitCode == 0);
  struct stat st {};
  CHECK(stat(out.c_str(), &st) == 0);
  CHECK(st.st_size > 0);

  std::string bad = dir.write("bad.yaml", kHeader + "spec: {}\n");
  std::string out2 = dir.path + "/never.yaml";
  CHECK(runProcess({raylogBinary(), "render", bad, "-o", out2}).exitCode == 2);
  CHECK(stat(out2.c_str(), &st) != 0);

  ProcessResult unwritable = runProcess({raylogBinary(), "render", spec, "-o", dir.path + "/no/such/dir.yaml"});
  CHECK(unwritable.exitCode == 3);
  CHECK_THAT(unwritable.err, Catch::Contains("cannot write"));
}

TEST_CASE("usage errors exit 2, --help documents the exit codes") {
  ProcessResult none = runProcess({raylogBinary()});
  CHECK(none.exitCode == 2);
  ProcessResult unknown = runProcess({raylogBinary(), "render", "--frobnicate", "x"});
  CHECK(unknown.exitCode == 2);
  ProcessResult help = runProcess({raylogBinary(), "--help"});
  CHECK(help.exitCode == 0);
  CHECK_THAT(help.out, Catch::Contains("Exit codes:") && Catch::Contains("70"));
}

TEST_CASE("schema prints the embedded JSON Schema") {
  ProcessResult r = runProcess({raylogBinary(), "schema"});
  CHECK(r.exitCode == 0);
  CHECK_THAT(r.out, Catch::Contains("\"title\": \"RayLogging\""));
}
