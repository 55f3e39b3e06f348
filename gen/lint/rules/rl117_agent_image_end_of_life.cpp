// RL117: a log agent image whose release line its project no longer fixes.
#include "lint/image_lifecycle.h"
#include "lint/rule.h"

namespace raylog::lint {
namespace {
const RuleInfo kInfo{
    "RL117", "agent-image-end-of-life", Severity::Warning,
    "A log agent image is of a release line that is end-of-life (no more fixes, security ones included)",
    "Move to a maintained release (fluent/fluent-bit:5.1.1; Promtail: Grafana Alloy)",
    "Agents read untrusted bytes (every log line) and hold credentials for the backends; a release\n"
    "line its project has stopped fixing keeps its known bugs and vulnerabilities. The table of\n"
    "lines and dates (lint/image_lifecycle.cpp) follows each project's own statements: Fluent Bit's\n"
    "SECURITY.md and MAINTENANCE.md (5.1.x stable, 5.0.x until 2026-11-30, older lines end-of-life),\n"
    "Grafana's Promtail page (end-of-life 2026-03-02, replaced by Grafana Alloy). The date is\n"
    "today's (UTC; RAYLOG_GEN_TODAY=YYYY-MM-DD sets another).\n\n"
    "Bad:\n  image: fluent/fluent-bit:3.2.10\n\nGood:\n  image: fluent/fluent-bit:5.1.1\n"};

class AgentImageEndOfLife : public AgentRule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void checkAgent(const Agent& a, Reporter& r) const override {
    const YAML::Node image = a.container["image"];
    if (!image || !image.IsScalar()) return;
    static const std::string today = todayUtc();
    const auto eol = imageEndOfLife(image.Scalar(), today);
    if (!eol) return;
    r.at(kInfo, image,
         "agent image '" + image.Scalar() + "' is " + eol->line->product + ", end-of-life" +
             (eol->since.empty() ? "" : " (fixes ended on " + eol->since + ")") +
             ": no more fixes, security ones included; use " + eol->line->replacement);
  }
};
}  // namespace
std::unique_ptr<Rule> makeRL117() { return std::make_unique<AgentImageEndOfLife>(); }
}  // namespace raylog::lint
