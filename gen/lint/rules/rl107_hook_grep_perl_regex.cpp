// RL107: a lifecycle hook uses grep -P, which many images do not have.
#include "lint/rule.h"

namespace raylog::lint {
namespace {
const RuleInfo kInfo{
    "RL107", "hook-uses-grep-p", Severity::Error,
    "A lifecycle hook uses grep -oP (Perl regular expressions), which many images lack",
    "Use sed: ... | sed -n 's/.*--node_id=\\([^ ]*\\).*/\\1/p' | head -1",
    "BusyBox grep and some GNU builds have no -P. In a postStart hook the failure is silent and the\n"
    "hook loops forever or writes nothing, so the collector fails later with `read nodeid file error`.\n\n"
    "Bad:\n  nodeid=$(ps -ef | grep raylet | grep -oP '(?<=--node_id=)[^ ]*')\n\n"
    "Good:\n  nodeid=$(ps -ef | grep 'raylet.*--node_id' | grep -v grep | sed -n 's/.*--node_id=\\([^ ]*\\).*/\\1/p' | head -1)\n"};

bool usesGrepP(const std::string& s) {
  for (const char* flag : {"grep -oP", "grep -Po", "grep -P ", "grep -P'", "grep --perl-regexp"})
    if (s.find(flag) != std::string::npos) return true;
  return false;
}

class HookGrepP : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void checkPod(const PodView& p, Reporter& r) const override {
    if (!p.ray || !p.ray["lifecycle"]) return;
    for (const char* hook : {"postStart", "preStop"}) {
      const YAML::Node cmd = childAt(p.ray, {"lifecycle", hook, "exec", "command"});
      if (!cmd || !cmd.IsSequence()) continue;
      for (const YAML::Node& a : cmd)
        if (a.IsScalar() && usesGrepP(a.Scalar()))
          r.at(kInfo, a, std::string(hook) + " hook uses grep -P, which is missing from many images");
    }
  }
};
}  // namespace
std::unique_ptr<Rule> makeRL107() { return std::make_unique<HookGrepP>(); }
}  // namespace raylog::lint
