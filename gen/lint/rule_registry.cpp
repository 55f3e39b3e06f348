// Every lint rule, in ID order. Adding a rule: its file in rules/, one line here, fixtures in
// tests/lint/fixtures/<ID>/, and a README row.
#include <cctype>

#include "lint/rule.h"

namespace raylog::lint {

#define RAYLOG_RULES(X) \
  X(RL101) X(RL102) X(RL103) X(RL104) X(RL105) X(RL106) X(RL107) X(RL108) X(RL109) X(RL110) X(RL111) \
  X(RL112) X(RL113) X(RL114) X(RL115) X(RL116) X(RL117) X(RL118) X(RL120) X(RL121) X(RL122) X(RL130) X(RL131) X(RL201) X(RL202) X(RL203) X(RL204) X(RL205) X(RL206) X(RL207) \
  X(RL208) X(RL209) X(RL210) X(RL211) X(RL212) X(RL213) X(RL214) X(RL215) X(RL216)

#define DECLARE(id) std::unique_ptr<Rule> make##id();
RAYLOG_RULES(DECLARE)
#undef DECLARE

namespace {
// Malformed YAML is reported by the linter itself; this entry gives it an ID and a page.
const RuleInfo kInvalidYaml{
    "RL001", "invalid-yaml", Severity::Error, "A file is not valid YAML; it was skipped",
    "Fix the YAML syntax at the reported line",
    "lint reads every document of every file; a file that does not parse is reported here and the\n"
    "run goes on with the next file.\n\nBad:\n  spec: {headGroupSpec: [\n\nGood:\n  spec: {headGroupSpec: {}}\n"};
class InvalidYaml : public Rule {
 public:
  const RuleInfo& info() const override { return kInvalidYaml; }
};
// A RayLogging spec among the inputs is loaded as render loads it; its errors are reported here.
const RuleInfo kInvalidSpec{
    "RL002", "invalid-spec", Severity::Error, "A RayLogging spec has errors: render, inject and the plugins refuse it",
    "Fix the spec as the message says (render reports the same)",
    "lint checks every RayLogging spec it reads (apiVersion raylog.dev/...) the way render does, with\n"
    "the same messages: the schema, the checks beyond it, and credentials written inline.\n\nBad:\n"
    "  spec:\n    output: {type: elasticsearch, host: es, password: hunter2}\n\nGood:\n"
    "  spec:\n    output: {type: elasticsearch, host: es, passwordSecret: {name: es, key: password}}\n"};
class InvalidSpec : public Rule {
 public:
  const RuleInfo& info() const override { return kInvalidSpec; }
};
}  // namespace

const std::vector<std::unique_ptr<Rule>>& allRules() {
  static const std::vector<std::unique_ptr<Rule>> rules = [] {
    std::vector<std::unique_ptr<Rule>> v;
    v.push_back(std::make_unique<InvalidYaml>());
    v.push_back(std::make_unique<InvalidSpec>());
#define ADD(id) v.push_back(make##id());
    RAYLOG_RULES(ADD)
#undef ADD
    return v;
  }();
  return rules;
}

// IDs and names are matched case-insensitively: `explain rl204` is RL204.
const Rule* findRule(const std::string& id) {
  auto lower = [](std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  const std::string wanted = lower(id);
  for (const auto& r : allRules())
    if (lower(r->info().id) == wanted || lower(r->info().name) == wanted) return r.get();
  return nullptr;
}

}  // namespace raylog::lint
