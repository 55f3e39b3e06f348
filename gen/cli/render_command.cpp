// raylog-gen render SPEC [-o FILE]
#include <algorithm>
#include <iostream>
#include <memory>

#include "aks/aks_script.h"
#include "aks/azure_access_from_spec.h"
#include "cli/command.h"
#include "cli/exit_codes.h"
#include "cli/output_file.h"
#include "eks/aws_access_from_spec.h"
#include "eks/eks_script.h"
#include "eks/iam_policy.h"
#include "gke/gcp_access_from_spec.h"
#include "gke/gke_script.h"
#include "k8s/names.h"
#include "pieces/operator_pieces.h"
#include "render/operator_values.h"
#include "yaml/source_file.h"
#include "render/out_dir.h"
#include "render/render.h"
#include "spec/spec_loader.h"

namespace raylog {

namespace {

// A cloud's setup script: the flag that writes it, the spec section it needs, and its text.
struct CloudScript {
  const char* section;  // "eks"
  const char* needs;    // what the section holds, for the error
  const char* folder;   // its --out-dir sub-folder, which kubectl apply -f DIR does not read
  std::string file;     // --<section>-script FILE ("" = not asked for)
  bool enabled;
  std::string (*text)(const Spec&, const std::string& manifests);
};

std::string eksText(const Spec& spec, const std::string& m) { return eksSetupScript(awsAccessFor(spec), m); }
std::string gkeText(const Spec& spec, const std::string& m) { return gkeSetupScript(gcpAccessFor(spec), m); }
std::string aksText(const Spec& spec, const std::string& m) { return aksSetupScript(azureAccessFor(spec), m); }

// render --operator-values FILE [--namespace NS]...: the values fragment to FILE, the ConfigMaps
// (and, without --namespace, the spec's cluster) to stdout or -o. Nothing is written on a refusal.
template <typename Options>
int renderOperatorValues(const Spec& spec, const Options& opts) {
  std::vector<Diagnostic> problems;
  const std::string file = displayName(opts.spec);
  for (const std::string& p : operatorRouteProblems(spec)) problems.push_back({Location{file}, p});
  for (const std::string& ns : opts.namespaces)
    if (!isDns1123Label(ns))
      problems.push_back({Location{"--namespace"}, "'" + oneLine(ns) + "' is not a namespace name (lowercase letters, "
                                                   "digits and '-', at most 63, starting and ending alphanumeric)"});
  if (!problems.empty()) throw InputError(problems);
  std::vector<std::string> namespaces;  // in the order given, once each
  for (const std::string& ns : opts.namespaces)
    if (std::find(namespaces.begin(), namespaces.end(), ns) == namespaces.end()) namespaces.push_back(ns);
  try {
    const std::string values = operatorValuesText(spec), stream = operatorStream(spec, namespaces);
    writeOutput(opts.operatorValues, values);
    writeOutput(opts.output, stream);
  } catch (const std::runtime_error& e) {
    std::cerr << "raylog-gen: error: " << e.what() << "\n";
    return exit_code::kWriteFailed;
  }
  return exit_code::kOk;
}

}  // namespace

void registerRenderCommand(CLI::App& app, CommandAction& action) {
  struct Options {
    std::string spec, output, outDir, eksScript, gkeScript, aksScript, operatorValues;
    std::vector<std::string> namespaces;
  };
  auto opts = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("render", "Render a RayLogging spec into Kubernetes manifests (stdout by default)");
  cmd->footer(exit_code::footer({exit_code::kOk, exit_code::kBadInput, exit_code::kWriteFailed, exit_code::kInternal}));
  cmd->add_option("spec", opts->spec, "RayLogging spec file, or - for standard input")->required();
  CLI::Option* output =
      cmd->add_option("-o,--output", opts->output, "Write to this file instead of standard output (all or nothing)");
  cmd->add_option("--out-dir", opts->outDir,
                  "Write one file per object group and a Kustomization listing them into this folder "
                  "(the EKS script and IAM policy into its eks/ sub-folder, the GKE and AKS scripts into gke/ and aks/)")
      ->excludes(output);
  cmd->add_option("--eks-script", opts->eksScript,
                  "Also write the EKS setup script (IAM for the agent, then kubectl apply) to this file; needs spec.eks");
  cmd->add_option("--gke-script", opts->gkeScript,
                  "Also write the GKE setup script (Workload Identity for the agent, then kubectl apply) to this file; "
                  "needs spec.gke");
  cmd->add_option("--aks-script", opts->aksScript,
                  "Also write the AKS setup script (Workload Identity for the collector, then kubectl apply) to this "
                  "file; needs spec.aks");
  CLI::Option* operatorValues =
      cmd->add_option("--operator-values", opts->operatorValues,
                      "Operator-wide logging: write the kuberay-operator Helm values that add the agent to every Ray "
                      "pod to this file; standard output (or -o) gets the agent's ConfigMap per --namespace")
          ->excludes("--out-dir")
          ->excludes("--eks-script")
          ->excludes("--gke-script")
          ->excludes("--aks-script");
  cmd->add_option("--namespace", opts->namespaces,
                  "With --operator-values: a namespace whose Ray clusters the operator's sidecars serve (repeatable); "
                  "without it, the spec's namespace and the spec's own cluster with the volumes the sidecars mount")
      ->needs(operatorValues);
  cmd->callback([opts, &action] {
    action = [opts] {
      const Spec spec = loadSpecFile(opts->spec);  // throws before anything is written
      if (!opts->operatorValues.empty()) return renderOperatorValues(spec, *opts);
      const CloudScript scripts[] = {
          {"eks", "clusterName, region, iamMode", kOutDirEksFolder, opts->eksScript, spec.eks.enabled, eksText},
          {"gke", "project, cluster, location", kOutDirGkeFolder, opts->gkeScript, spec.gke.enabled, gkeText},
          {"aks", "subscription, resourceGroup, cluster, storageAccount", kOutDirAksFolder, opts->aksScript, spec.aks.enabled, aksText}};
      for (const CloudScript& c : scripts)
        if (!c.file.empty() && !c.enabled) {
          std::cerr << "raylog-gen: error: --" << c.section << "-script needs spec." << c.section << " (" << c.needs << ") in "
                    << opts->spec << "\n";
          return exit_code::kBadInput;
        }
      try {
        const std::string stream = renderStream(spec);
        if (!opts->outDir.empty()) {
          auto files = outDirFiles(renderObjects(spec), renderHeader(spec));
          std::vector<std::string> executables;
          for (const CloudScript& c : scripts) {
            if (!c.enabled) continue;
            const std::string script = std::string(c.folder) + "/" + c.section + "-setup.sh";
            files.push_back({script, c.text(spec, stream)});
            executables.push_back(script);
            if (std::string(c.folder) == kOutDirEksFolder)  // the policy too, for review or Terraform
              files.push_back({std::string(c.folder) + "/iam-policy.json", iamPolicyJson(awsAccessFor(spec))});
          }
          writeOutputDir(opts->outDir, files);
          for (const std::string& script : executables) makeExecutable(opts->outDir + "/" + script);
          return exit_code::kOk;
        }
        for (const CloudScript& c : scripts)
          if (!c.file.empty()) {
            writeOutput(c.file, c.text(spec, stream));
            makeExecutable(c.file);
          }
        writeOutput(opts->output, stream);
      } catch (const std::runtime_error& e) {
        std::cerr << "raylog-gen: error: " << e.what() << "\n";
        return exit_code::kWriteFailed;
      }
      return exit_code::kOk;
    };
  });
}

}  // namespace raylog
