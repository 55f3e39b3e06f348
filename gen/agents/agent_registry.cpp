#include "agents/log_agent.h"

namespace raylog {

// One line per agent (each defined in its folder). Order matters: pieces and objects are added
// in this order, and a container two agents would claim goes to the first.
LogAgent fluentBitAgent();
LogAgent fluentdAgent();
LogAgent historyCollectorAgent();

const std::vector<LogAgent>& logAgents() {
  static const std::vector<LogAgent> all = {fluentBitAgent(), fluentdAgent(), historyCollectorAgent()};
  return all;
}

const LogAgent* findLogAgent(const std::string& type) {
  for (const LogAgent& a : logAgents())
    if (a.type == type) return &a;
  return nullptr;
}

std::vector<const LogAgent*> agentsRunningFor(const Spec& spec) {
  std::vector<const LogAgent*> out;
  for (const LogAgent& a : logAgents())
    if (a.runsFor(spec)) out.push_back(&a);
  return out;
}

const LogAgent* configAgentFor(const Spec& spec) {
  const LogAgent* a = findLogAgent(spec.agent.type);
  return a && a->valueProblem ? a : nullptr;
}

const LogAgent* recogniseAgent(const YAML::Node& container) {
  for (const LogAgent& a : logAgents())
    if (a.recognises(container)) return &a;
  return nullptr;
}

std::string agentTypes(bool (*pred)(const LogAgent&)) {
  std::string out;
  for (const LogAgent& a : logAgents())
    if (pred(a)) out += (out.empty() ? "" : ", ") + a.type;
  return out;
}

}  // namespace raylog
