#pragma once
// A lint rule: its metadata and the views it checks. One rule per file in lint/rules/, listed
// in rule_registry.cpp; adding a rule touches nothing else (plus its fixtures and README row).
#include <memory>
#include <vector>

#include "lint/lint_views.h"

namespace raylog::lint {

class Rule {
 public:
  virtual ~Rule() = default;
  virtual const RuleInfo& info() const = 0;
  virtual void checkObject(const YAML::Node& /*object*/, Reporter& /*r*/) const {}
  virtual void checkPod(const PodView& /*pod*/, Reporter& /*r*/) const {}
  virtual void checkRayObject(const RayObjectView& /*obj*/, Reporter& /*r*/) const {}
  virtual void checkFluentBit(const FluentBitConfigView& /*cfg*/, Reporter& /*r*/) const {}
  virtual void checkFluentd(const FluentdConfigView& /*cfg*/, Reporter& /*r*/) const {}
};

// A rule about each log agent container, wherever it runs: sidecars in Ray pod templates and
// node-level agents in DaemonSets.
class AgentRule : public Rule {
 public:
  void checkPod(const PodView& p, Reporter& r) const final {
    for (const Agent& a : p.agents) checkAgent(a, r);
  }
  void checkObject(const YAML::Node& o, Reporter& r) const final {
    for (const Agent& a : daemonSetAgents(o)) checkAgent(a, r);
  }
  virtual void checkAgent(const Agent& agent, Reporter& r) const = 0;
};

const std::vector<std::unique_ptr<Rule>>& allRules();
const Rule* findRule(const std::string& id);

}  // namespace raylog::lint
