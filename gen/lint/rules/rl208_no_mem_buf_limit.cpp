// RL208: tail without a memory buffer limit.
#include "lint/config_helpers.h"
#include "lint/rule.h"

namespace raylog::lint {
namespace {
const RuleInfo kInfo{
    "RL208", "tail-without-memory-limit", Severity::Warning,
    "tail has no Mem_Buf_Limit (and no filesystem buffering)",
    "Set Mem_Buf_Limit (e.g. 5MB), or storage.type filesystem",
    "When the backend is slow or down, tail keeps reading into memory without bound until the\n"
    "agent is OOM-killed, losing what it held. Mem_Buf_Limit pauses the input instead.\n\n"
    "Bad:\n  [INPUT]\n    Name tail\n\nGood:\n  [INPUT]\n    Name tail\n    Mem_Buf_Limit 5MB\n"};

class NoMemBufLimit : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void checkFluentBit(const FluentBitConfigView& v, Reporter& r) const override {
    for (size_t i : sectionsOf(v.parsed.config, "INPUT", "tail")) {
      const FluentBitSection& s = v.parsed.config.sections[i];
      if (s.get("Mem_Buf_Limit").empty() && !sameWord(s.get("storage.type"), "filesystem"))
        r.atLocation(kInfo, v.lineLocation(v.parsed.lines.sectionLine[i]),
                     "tail has no Mem_Buf_Limit: a slow backend grows the agent's memory without bound");
    }
  }
};
}  // namespace
std::unique_ptr<Rule> makeRL208() { return std::make_unique<NoMemBufLimit>(); }
}  // namespace raylog::lint
