// RL113: a secret-looking environment variable with an inline value.
#include <cctype>

#include "lint/rule.h"
#include "util/placeholders.h"

namespace raylog::lint {
namespace {
const RuleInfo kInfo{
    "RL113", "inline-secret-env", Severity::Error,
    "A secret-looking environment variable (password, key, token) has an inline value",
    "Move the value into a Secret and use valueFrom.secretKeyRef",
    "Inline values end up in Git, in `kubectl get -o yaml` and in every copy of the manifest.\n\n"
    "Bad:\n  env: [{name: AWS_S3SECRET, value: minioadmin}]\n\n"
    "Good:\n  env:\n    - name: AWS_S3SECRET\n      valueFrom: {secretKeyRef: {name: minio-credentials, key: AWS_SECRET_ACCESS_KEY}}\n"};

// Case-insensitive (ASCII): a name with one of these words in it.
bool secretLooking(const std::string& name) {
  std::string upper = name;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  auto has = [&](const char* word) { return upper.find(word) != std::string::npos; };
  auto endsWith = [&](const std::string& end) {
    return upper.size() >= end.size() && upper.compare(upper.size() - end.size(), end.size(), end) == 0;
  };
  const bool secret = has("PASSWORD") || has("PASSWD") || has("SECRET") || has("TOKEN") || has("ACCESS_KEY") ||
                      has("SHARED_KEY") || has("API_KEY") || has("CONNECTION_STRING") || has("S3ID");
  // A name about a secret's whereabouts (AZURE_FEDERATED_TOKEN_FILE, *_TOKEN_PATH) holds a path.
  return secret && !endsWith("_FILE") && !endsWith("_PATH") && !endsWith("_DIR");
}

// A switch (RAY_ENABLE_K8S_TOKEN_AUTH: "true"), a number, or a reference that kubelet
// ($(VAR)) or envsubst (${VAR}) fills in is not a credential written into the manifest.
bool secretValue(const std::string& value) { return !value.empty() && !isBooleanOrNumber(value) && !isOnlyReferences(value); }

class InlineSecretEnv : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void checkPod(const PodView& p, Reporter& r) const override {
    forEachContainer(p.ref.tmpl, [&](const YAML::Node& c) {
      const YAML::Node env = c["env"];
      if (!env || !env.IsSequence()) return;
      for (const YAML::Node& e : env) {
        if (!e.IsMap() || !e["name"] || !e["value"] || !e["value"].IsScalar() || !secretValue(e["value"].Scalar())) continue;
        if (secretLooking(e["name"].Scalar()))
          r.at(kInfo, e["value"], "environment variable " + e["name"].Scalar() + " has its secret value inline");
      }
    });
  }
};
}  // namespace
std::unique_ptr<Rule> makeRL113() { return std::make_unique<InlineSecretEnv>(); }
}  // namespace raylog::lint
