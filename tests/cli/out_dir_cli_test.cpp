// render --out-dir: the same objects as stdout, one file per group, and a Kustomization.
#include <catch2/catch.hpp>
#include <fstream>
#include <set>
#include <unistd.h>

#include "run_process.h"
#include "yaml/source_file.h"
#include "yaml/yaml_emit.h"

using namespace raylog;

static std::multiset<std::string> documents(const std::string& text) {
  std::multiset<std::string> out;
  for (const ParsedDocument& d : parseYamlStream(text, "x"))
    if (!d.root.IsNull()) out.insert(emitDocument(d.root));
  return out;
}

TEST_CASE("render --out-dir writes the stdout objects as one file per group plus a kustomization") {
  char tmpl[] = "/tmp/raylog-outdir-XXXXXX";
  const std::string dir = mkdtemp(tmpl);
  const std::string spec = sourceDir() + "/examples/collector-v1.6-minio/raylog.yaml";
  ProcessResult r = runProcess({raylogBinary(), "render", spec, "--out-dir", dir + "/out"});
  REQUIRE(r.exitCode == 0);
  CHECK(r.out.empty());
  CHECK_THAT(r.err, Catch::Contains("wrote " + dir + "/out/Kustomization"));

  std::multiset<std::string> fromFiles;
  for (const char* name : {"configmaps.yaml", "rbac.yaml", "raycluster.yaml"}) {
    std::multiset<std::string> docs = documents(readInputFile(dir + "/out/" + name));
    CHECK_FALSE(docs.empty());
    fromFiles.insert(docs.begin(), docs.end());
  }
  CHECK(fromFiles == documents(runProcess({raylogBinary(), "render", spec}).out));
  CHECK_THAT(readInputFile(dir + "/out/Kustomization"),
             Catch::Contains("resources:\n  - configmaps.yaml\n  - rbac.yaml\n  - raycluster.yaml\n"));

  ProcessResult both = runProcess({raylogBinary(), "render", spec, "--out-dir", dir, "-o", dir + "/x.yaml"});
  CHECK(both.exitCode == 2);
  std::system(("rm -rf '" + dir + "'").c_str());
}

TEST_CASE("render --out-dir with spec.eks also writes the setup script and the IAM policy, under eks/") {
  char tmpl[] = "/tmp/raylog-outdir-XXXXXX";
  const std::string dir = mkdtemp(tmpl);
  const std::string spec = sourceDir() + "/examples/daemonset-cloudwatch-irsa/raylog.yaml";
  REQUIRE(runProcess({raylogBinary(), "render", spec, "--out-dir", dir}).exitCode == 0);
  CHECK_THAT(readInputFile(dir + "/eks/iam-policy.json"), Catch::Contains("logs:PutLogEvents"));
  CHECK(access((dir + "/eks/eks-setup.sh").c_str(), X_OK) == 0);
  CHECK_THAT(readInputFile(dir + "/Kustomization"), Catch::Contains("daemonset.yaml"));
  ProcessResult noEks = runProcess({raylogBinary(), "render", sourceDir() + "/examples/sidecar-stdout/raylog.yaml",
                                    "--eks-script", dir + "/x.sh"});
  CHECK(noEks.exitCode == 2);
  CHECK_THAT(noEks.err, Catch::Contains("needs spec.eks"));
  std::system(("rm -rf '" + dir + "'").c_str());
}

TEST_CASE("render --out-dir with spec.gke or spec.aks writes the setup script under gke/ or aks/, as the flag does") {
  char tmpl[] = "/tmp/raylog-outdir-XXXXXX";
  const std::string dir = mkdtemp(tmpl);
  for (const char* cloud : {"gke", "aks"}) {
    CAPTURE(cloud);
    const std::string example = std::string(cloud) == "gke" ? "collector-gcs-gke" : "collector-azure-aks";
    const std::string spec = sourceDir() + "/examples/" + example + "/raylog.yaml";
    const std::string out = dir + "/" + cloud;
    REQUIRE(runProcess({raylogBinary(), "render", spec, "--out-dir", out}).exitCode == 0);
    const std::string script = out + "/" + cloud + "/" + cloud + "-setup.sh";
    CHECK(access(script.c_str(), X_OK) == 0);
    CHECK(readInputFile(script) == readInputFile(sourceDir() + "/examples/" + example + "/" + cloud + "-setup.sh"));
    ProcessResult missing = runProcess({raylogBinary(), "render", sourceDir() + "/examples/sidecar-stdout/raylog.yaml",
                                        std::string("--") + cloud + "-script", dir + "/x.sh"});
    CHECK(missing.exitCode == 2);
    CHECK_THAT(missing.err, Catch::Contains(std::string("needs spec.") + cloud));
  }
  std::system(("rm -rf '" + dir + "'").c_str());
}
