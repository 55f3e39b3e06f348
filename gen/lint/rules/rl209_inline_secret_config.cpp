// RL209: a password, key or token written into a Fluent Bit config.
#include <set>

#include "lint/config_helpers.h"
#include "lint/rule.h"

namespace raylog::lint {
namespace {
const RuleInfo kInfo{
    "RL209", "inline-secret-in-config", Severity::Error,
    "A password, key or token is written into the agent's config (a ConfigMap, readable by many)",
    "Put it in a Secret, pass it as an env var (secretKeyRef) and write ${VAR} in the config",
    "ConfigMaps are not secret: anyone who can read the namespace's ConfigMaps reads the\n"
    "credential, and it lands in Git.\n\n"
    "Bad:\n  [OUTPUT]\n    Name es\n    HTTP_Passwd hunter2\n\n"
    "Good:\n  env: [{name: ES_PASSWORD, valueFrom: {secretKeyRef: {name: es, key: password}}}]\n"
    "  [OUTPUT]\n    Name es\n    HTTP_Passwd ${ES_PASSWORD}\n"};

class InlineSecretConfig : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void checkFluentBit(const FluentBitConfigView& v, Reporter& r) const override {
    static const std::set<std::string> secretKeys = {"http_passwd", "passwd", "password", "shared_key",
                                                     "cloud_auth", "aws_secret_access_key", "api_key",
                                                     "apikey", "token", "secret_key", "sas_token",
                                                     // stackdriver's PEM private key (out_stackdriver config_map)
                                                     "service_account_secret",
                                                     "splunk_token"};  // out_splunk splunk.c:1164
    // Request headers that carry a credential (out_http / out_opentelemetry `header <name> <value>`).
    static const std::set<std::string> secretHeaders = {"authorization", "proxy-authorization", "x-api-key",
                                                        "dd-api-key", "x-splunk-token"};
    const FluentBitConfig& c = v.parsed.config;
    for (size_t i = 0; i < c.sections.size(); ++i)
      for (size_t j = 0; j < c.sections[i].entries.size(); ++j) {
        const auto& [key, value] = c.sections[i].entries[j];
        std::string lower;
        for (char ch : key) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        if (lower == "header") {
          const size_t blank = value.find(' ');
          std::string name = value.substr(0, blank), rest = blank == std::string::npos ? "" : value.substr(blank + 1);
          for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
          // "Authorization Bearer ${TOKEN}": a scheme before the variable is fine.
          if (!secretHeaders.count(name) || rest.empty() || rest.find("${") != std::string::npos) continue;
          r.atLocation(kInfo, v.lineLocation(v.parsed.lines.entryLine[i][j]),
                       "header " + value.substr(0, blank) + " has its credential inline; use ${VAR} from a Secret");
          continue;
        }
        if (!secretKeys.count(lower) || value.empty() || value.rfind("${", 0) == 0) continue;
        r.atLocation(kInfo, v.lineLocation(v.parsed.lines.entryLine[i][j]),
                     key + " has its secret value inline; use ${VAR} from a Secret");
      }
  }
};
}  // namespace
std::unique_ptr<Rule> makeRL209() { return std::make_unique<InlineSecretConfig>(); }
}  // namespace raylog::lint
