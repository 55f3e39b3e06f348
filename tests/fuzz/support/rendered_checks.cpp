#include "support/rendered_checks.h"

#include <regex>
#include <sstream>

#include "agents/fluent_bit/fluent_bit_reader.h"
#include "agents/fluent_bit/fluent_bit_value.h"
#include "agents/fluent_bit/fluent_bit_yaml.h"
#include "agents/fluent_bit/fluent_bit_yaml_reader.h"
#include "agents/fluentd/fluentd_reader.h"
#include "agents/fluentd/fluentd_value.h"
#include "eks/aws_access_from_spec.h"
#include "eks/eks_script.h"
#include "eks/iam_policy.h"
#include "lint/linter.h"
#include "support/crd_schemas.h"
#include "support/fuzz_check.h"
#include "support/posix_words.h"
#include "yaml/source_file.h"

namespace fuzz {

namespace {

using namespace raylog;

char firstSignificant(const std::string& text) {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    const size_t at = line.find_first_not_of(" \t\r");
    if (at != std::string::npos && line[at] != '#') return line[at];
  }
  return '\0';
}

void checkFluentBit(const std::string& key, const std::string& text) {
  const ParsedFluentBitConfig parsed = readFluentBitConfig(text);
  FUZZ_CHECK(parsed.problems.empty() && parsed.includes.empty(), key + " reads back with problems:\n" + text);
  std::string body;  // the text without comment lines, which the model does not hold
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line))
    if (line.find_first_not_of(" \t") == std::string::npos || line[line.find_first_not_of(" \t")] != '#') body += line + "\n";
  FUZZ_CHECK(parsed.config.render() == body, key + " is not what its model writes:\n" + text);
}

// A YAML-format config reads back without problems into a model whose YAML is the text.
void checkFluentBitYaml(const std::string& key, const std::string& text) {
  const ParsedFluentBitConfig parsed = readFluentBitYaml(text);
  FUZZ_CHECK(parsed.problems.empty() && parsed.includes.empty(), key + " reads back with problems:\n" + text);
  FUZZ_CHECK(!parsed.config.sections.empty(), key + " reads back as no sections:\n" + text);
  FUZZ_CHECK(renderFluentBitYaml(parsed.config) == text, key + " is not what its model writes:\n" + text);
}

void checkFluentd(const std::string& key, const std::string& text) {
  FluentdNode root;
  try {
    root = readFluentdConfig(text);
  } catch (const FluentdReadError& e) {
    fail(__FILE__, __LINE__, key + ":" + std::to_string(e.line) + ": " + e.what() + "\n" + text);
  }
  static const std::regex envReference("^\"#\\{ENV\\['[A-Z_][A-Z0-9_]*'\\]\\}\"$");
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    const size_t start = line.find_first_not_of(" \t");
    if (start == std::string::npos || line[start] == '#' || line[start] == '<') continue;
    const size_t blank = line.find_first_of(" \t", start);
    const size_t value = blank == std::string::npos ? std::string::npos : line.find_first_not_of(" \t", blank);
    if (value == std::string::npos || line[value] != '"') continue;
    FUZZ_CHECK(std::regex_match(line.substr(value), envReference), key + ": a double-quoted value: " + line);
  }
  std::vector<const FluentdNode*> open{&root};
  while (!open.empty()) {
    const FluentdNode* n = open.back();
    open.pop_back();
    for (const FluentdParam& p : n->params)
      FUZZ_CHECK(!fluentdValueProblem(p.value), key + ":" + std::to_string(p.line) + ": a value the gate refuses");
    for (const FluentdNode& c : n->children) open.push_back(&c);
  }
}

// The shell word (up to the first newline outside quotes) at `pos`, read back; advances `pos`.
std::vector<std::string> wordsAt(const std::string& script, size_t& pos) {
  size_t end = pos;
  while (end < script.size() && script[end] != '\n') {
    if (script[end] == '\'') {
      end = script.find('\'', end + 1);
      FUZZ_CHECK(end != std::string::npos, "an unterminated quote in the script");
    } else if (script[end] == '\\') {
      ++end;
    }
    ++end;
  }
  const auto words = readShellWords(script.substr(pos, end - pos));
  FUZZ_CHECK(words.has_value(), "the shell would expand something in: " + script.substr(pos, end - pos));
  pos = end + 1;
  return *words;
}

void expectAssignment(const std::string& script, size_t& pos, const std::string& name, const std::string& value) {
  FUZZ_CHECK(script.compare(pos, name.size() + 1, name + "=") == 0, "expected " + name + "= in the script");
  pos += name.size() + 1;
  const std::vector<std::string> words = wordsAt(script, pos);
  FUZZ_CHECK(words == std::vector<std::string>{value}, name + " does not read back as '" + value + "'");
}

void expectHeredoc(const std::string& script, size_t& pos, const std::string& name, std::string body) {
  if (!body.empty() && body.back() != '\n') body += "\n";
  const std::string open = name + "=$(cat <<'";
  FUZZ_CHECK(script.compare(pos, open.size(), open) == 0, "expected the here-document " + name);
  const size_t quote = script.find("'\n", pos + open.size());
  FUZZ_CHECK(quote != std::string::npos, "the here-document " + name + " has no delimiter");
  const std::string delimiter = script.substr(pos + open.size(), quote - pos - open.size());
  const size_t start = quote + 2;
  const size_t end = ("\n" + script).find("\n" + delimiter + "\n", start);  // shifted by one: the line before
  FUZZ_CHECK(end != std::string::npos, "the here-document " + name + " never ends");
  FUZZ_CHECK(script.substr(start, end - start) == body, "the here-document " + name + " does not hold its text");
  pos = end + delimiter.size() + 1;
  FUZZ_CHECK(script.compare(pos, 2, ")\n") == 0, "the here-document " + name + " is not closed");
  pos += 2;
}

}  // namespace

void checkAgentConfigs(const std::vector<YAML::Node>& objects) {
  for (const YAML::Node& o : objects) {
    if (!o.IsMap() || !o["kind"] || !o["kind"].IsScalar() || o["kind"].Scalar() != "ConfigMap") continue;
    if (!o["data"] || !o["data"].IsMap()) continue;
    for (auto it = o["data"].begin(); it != o["data"].end(); ++it) {
      if (!it->second.IsScalar()) continue;
      const std::string& text = it->second.Scalar();
      const char first = firstSignificant(text);
      if (first == '[') checkFluentBit(it->first.Scalar(), text);
      else if (isFluentBitYaml(text)) checkFluentBitYaml(it->first.Scalar(), text);
      else if (first == '<') checkFluentd(it->first.Scalar(), text);
    }
  }
}

void checkRenderedStream(const std::string& stream) {
  std::vector<ParsedDocument> docs;
  try {
    docs = parseYamlStream(stream, "rendered");
  } catch (const InputError& e) {
    fail(__FILE__, __LINE__, "the output does not parse back: " + e.diagnostics()[0].format());
  }
  std::vector<YAML::Node> objects;
  for (const ParsedDocument& d : docs) {
    for (const Diagnostic& problem : crdProblems(d, "rendered"))
      fail(__FILE__, __LINE__, "the CRD schema rejects the output: " + problem.format());
    objects.push_back(d.root);
  }
  checkAgentConfigs(objects);
  // RL117 (an end-of-life agent image) judges the image the spec chose against today's date: the
  // spec's choice, reported rightly, and a property that would change with the calendar.
  lint::LintOptions options;
  options.disabled = {"RL117"};
  const lint::LintResult lint = lint::lintText(stream, options);
  for (const lint::Finding& f : lint.findings)
    if (f.severity >= lint::Severity::Warning)
      fail(__FILE__, __LINE__, "lint finds " + f.ruleId + " in the output: " + f.where.file + ":" +
                                   std::to_string(f.where.line) + ": " + f.message);
}

void checkEksScript(const Spec& spec, const std::string& stream) {
  const AwsAccess a = awsAccessFor(spec);
  const std::string script = eksSetupScript(a, stream);
  FUZZ_CHECK(script.find('\0') == std::string::npos, "a NUL byte in the script");
  const std::string head = "set -euo pipefail\n\n";
  size_t pos = script.find(head);
  FUZZ_CHECK(pos != std::string::npos, "the script has no header");
  pos += head.size();
  expectAssignment(script, pos, "CLUSTER_NAME", a.clusterName);
  expectAssignment(script, pos, "REGION", a.region);
  expectAssignment(script, pos, "IAM_MODE", iamModeName(a.mode));
  expectAssignment(script, pos, "CREATE_CLUSTER", a.createCluster ? "true" : "false");
  expectAssignment(script, pos, "POLICY_NAME", a.policyName);
  expectAssignment(script, pos, "AGENT_NAMESPACE", a.agentNamespace);
  expectAssignment(script, pos, "AGENT_SERVICE_ACCOUNT", a.agentServiceAccount);
  expectAssignment(script, pos, "AGENT_WORKLOAD", a.agentWorkload);
  FUZZ_CHECK(script.compare(pos, 12, "LOG_GROUPS=(") == 0, "expected LOG_GROUPS=(");
  pos += 12;
  std::vector<std::string> groups;
  for (const CloudWatchAccess& c : a.cloudWatch) groups.push_back(c.logGroup);
  size_t end = pos;  // the ')' outside quotes that closes the list
  while (end < script.size() && script[end] != ')') {
    if (script[end] == '\'') end = script.find('\'', end + 1);
    if (end == std::string::npos) break;
    ++end;
  }
  FUZZ_CHECK(end < script.size(), "LOG_GROUPS is not closed");
  const auto listed = readShellWords(script.substr(pos, end - pos));
  FUZZ_CHECK(listed && *listed == groups, "LOG_GROUPS does not read back as the log groups");
  pos = end;
  FUZZ_CHECK(script.compare(pos, 2, ")\n") == 0, "LOG_GROUPS is not closed by its own line");
  pos += 2;
  expectHeredoc(script, pos, "POLICY_DOCUMENT", iamPolicyJson(a));
  expectHeredoc(script, pos, "MANIFESTS", stream);
}

}  // namespace fuzz
