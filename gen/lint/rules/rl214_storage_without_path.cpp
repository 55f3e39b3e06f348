// RL214: an input buffers on the filesystem, but the service names no storage.path.
#include "lint/config_helpers.h"
#include "lint/rule.h"

namespace raylog::lint {
namespace {
const RuleInfo kInfo{
    "RL214", "filesystem-buffer-without-path", Severity::Error,
    "An input sets storage.type filesystem, but [SERVICE] has no storage.path: Fluent Bit does not start",
    "Set storage.path in [SERVICE] to a folder on a volume that outlives the agent (e.g. /tmp/ray/fluent-bit-storage/)",
    "storage.type filesystem keeps an input's chunks in files under the service's storage.path, so\n"
    "records a killed agent had not delivered are sent by the next one. Without a storage.path\n"
    "Fluent Bit stops at startup: \"[storage] instance 'tail.0' requested filesystem storage but no\n"
    "filesystem path was defined\" (src/flb_storage.c, the same in 3.2.10 and 5.1.1), and the\n"
    "sidecar restarts in a loop, shipping nothing.\n\n"
    "Bad:\n  [SERVICE]\n    Flush 1\n  [INPUT]\n    Name tail\n    storage.type filesystem\n\n"
    "Good:\n  [SERVICE]\n    Flush 1\n    storage.path /tmp/ray/fluent-bit-storage/\n  [INPUT]\n    Name tail\n"
    "    storage.type filesystem\n"};

class StorageWithoutPath : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
  void checkFluentBit(const FluentBitConfigView& v, Reporter& r) const override {
    const FluentBitConfig& c = v.parsed.config;
    for (size_t i : sectionsOf(c, "SERVICE"))
      if (!c.sections[i].get("storage.path").empty()) return;
    for (size_t i : sectionsOf(c, "INPUT"))
      for (size_t j = 0; j < c.sections[i].entries.size(); ++j) {
        const auto& [key, value] = c.sections[i].entries[j];
        if (!sameWord(key, "storage.type") || !sameWord(value, "filesystem")) continue;
        r.atLocation(kInfo, v.lineLocation(v.parsed.lines.entryLine[i][j]),
                     c.sections[i].get("Name") + " buffers on the filesystem, but no storage.path is set in the "
                     "service: Fluent Bit refuses to start");
      }
  }
};
}  // namespace
std::unique_ptr<Rule> makeRL214() { return std::make_unique<StorageWithoutPath>(); }
}  // namespace raylog::lint
