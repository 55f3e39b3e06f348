// RL215: the Ray container turns on a JSON encoding, but its agent parses only Ray's text formats.
#include <set>

#include "agents/fluentd/fluentd_reader.h"
#include "lint/config_helpers.h"
#include "lint/rule.h"
#include "ray/ray_logging_settings.h"

namespace raylog::lint {
namespace {
const RuleInfo kInfo{
    "RL215", "json-encoding-text-parser", Severity::Warning,
    "The Ray container writes JSON records, but its agent parses only Ray's text formats",
    "Put a JSON parser before the text parsers (Fluent Bit: a parser filter with Parser ray_json first; Fluentd: a "
    "parser filter with <parse> @type json); raylog-gen does so with spec.ray.logging.encoding JSON",
    "RAY_LOGGING_CONFIG_ENCODING=JSON, RAY_SERVE_LOG_ENCODING=JSON or RAY_BACKEND_LOG_JSON=1 on the Ray\n"
    "container make Ray write each record as a JSON object (asctime, levelname, message, filename,\n"
    "lineno, job_id, worker_id, node_id, task_id, ...). Text parsers match none of them: every\n"
    "record is shipped as one unparsed string, without its level, time or job fields.\n\n"
    "Bad:\n  [FILTER]\n      Name parser\n      Key_Name log\n      Parser ray_python\n\n"
    "Good:\n  [FILTER]\n      Name parser\n      Key_Name log\n      Parser ray_json\n      Parser ray_python\n"};

// The variable that turns a JSON encoding on, "" when none does.
std::string jsonSwitch(const YAML::Node& ray) {
  if (envLiteral(ray, kRayEncodingEnv) == "JSON") return std::string(kRayEncodingEnv) + "=JSON";
  if (envLiteral(ray, kRayServeEncodingEnv) == "JSON") return std::string(kRayServeEncodingEnv) + "=JSON";
  if (envLiteral(ray, kRayBackendJsonEnv) == "1") return std::string(kRayBackendJsonEnv) + "=1";
  return "";
}

class JsonEncodingTextParser : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void checkPod(const PodView& p, Reporter& r) const override {
    if (!p.ray) return;
    const std::string on = jsonSwitch(p.ray);
    if (on.empty()) return;
    for (const Agent& a : p.agents)
      for (const AgentConfigValue& v : agentConfigValues(p, a)) {
        if (a.kind == AgentKind::FluentBit) checkFluentBit(v, on, r);
        else if (a.kind == AgentKind::Fluentd) checkFluentd(v, on, r);
      }
  }

 private:
  static void checkFluentBit(const AgentConfigValue& v, const std::string& on, Reporter& r) {
    const ParsedFluentBitConfig parsed = readFluentBitConfigAnyFormat(v.value->text);
    const FluentBitConfig& c = parsed.config;
    std::set<std::string> json = {"json"};
    for (size_t i : sectionsOf(c, "PARSER"))
      if (sameWord(c.sections[i].get("Format"), "json")) json.insert(c.sections[i].get("Name"));
    // Filters on the file's path (tail's Path_Key: job and worker ids from the name) parse no line.
    std::set<std::string> pathKeys;
    for (size_t i : sectionsOf(c, "INPUT", "tail")) {
      if (json.count(c.sections[i].get("Parser"))) return;
      if (!c.sections[i].get("Path_Key").empty()) pathKeys.insert(c.sections[i].get("Path_Key"));
    }
    for (size_t f : sectionsOf(c, "FILTER", "parser")) {
      if (pathKeys.count(c.sections[f].get("Key_Name"))) continue;
      bool any = false, anyJson = false;
      for (const auto& [key, value] : c.sections[f].entries)
        if (sameWord(key, "Parser")) {
          any = true;
          anyJson = anyJson || json.count(value) > 0;
        }
      if (any && !anyJson)
        r.atLocation(kInfo, v.lineLocation(lineOf(parsed, f, "Parser")),
                     "the Ray container sets " + on + ", but this parser filter (ConfigMap " + v.configMap +
                         ") has only text parsers: Ray's JSON records are shipped unparsed");
    }
  }
  static void checkFluentd(const AgentConfigValue& v, const std::string& on, Reporter& r) {
    FluentdNode root;
    try {
      root = readFluentdConfig(v.value->text);
    } catch (const FluentdReadError&) {
      return;  // a config that does not read is another rule's finding
    }
    const FluentdNode* firstRegexp = nullptr;
    bool json = false;
    for (const char* directive : {"source", "filter"})
      for (const FluentdNode* d : root.childrenNamed(directive))
        for (const FluentdNode* parse : d->childrenNamed("parse")) {
          const std::string type = parse->param("@type");
          if (type == "json") json = true;
          if ((type == "regexp" || type == "multiline") && !firstRegexp) firstRegexp = parse;
        }
    if (json || !firstRegexp) return;
    r.atLocation(kInfo, v.lineLocation(firstRegexp->line),
                 "the Ray container sets " + on + ", but Fluentd (ConfigMap " + v.configMap +
                     ") parses only Ray's text formats: Ray's JSON records are shipped unparsed");
  }
};
}  // namespace
std::unique_ptr<Rule> makeRL215() { return std::make_unique<JsonEncodingTextParser>(); }
}  // namespace raylog::lint
