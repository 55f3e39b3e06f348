#include "yaml/alias_expansion.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <map>
#include <sstream>
#include <vector>

namespace raylog {

bool mayHaveAliases(const std::string& text) {
  for (size_t at = text.find('*'); at != std::string::npos; at = text.find('*', at + 1)) {
    const char before = at == 0 ? '\n' : text[at - 1];
    const char after = at + 1 < text.size() ? text[at + 1] : ' ';
    const bool nodeStart = before == ' ' || before == '\t' || before == '\n' || before == '[' || before == '{' ||
                           before == ',' || before == ':';  // ":*x" only after a quoted key in flow
    const bool nameFollows = after != ' ' && after != '\t' && after != '\n' && after != '\r' && after != ',' &&
                             after != ']' && after != '}';
    if (nodeStart && nameFollows) return true;
  }
  return false;
}

namespace {

// Counts, from the parser's events, the nodes each anchored node stands for (itself and all below
// it, aliases expanded) and the nodes the aliases of the current document add. Counts stop
// growing past the limit, so nested aliases cannot overflow them.
class AliasCounter : public YAML::EventHandler {
 public:
  std::optional<AliasProblem> problem;

  void OnDocumentStart(const YAML::Mark&) override {
    sizes_.clear();
    open_.clear();
    aliased_ = 0;
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t anchor) override { leaf(anchor); }
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t anchor, const std::string&) override {
    leaf(anchor);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    for (const Open& o : open_)
      if (o.anchor == anchor && anchor && !problem) problem = AliasProblem{mark, true};
    const auto known = sizes_.find(anchor);
    const unsigned long long size = known == sizes_.end() ? 1 : known->second;
    aliased_ = capped(aliased_ + size);
    if (aliased_ > kMaxAliasedNodes && !problem) problem = AliasProblem{mark, false};
    add(size);
  }
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open_.push_back({anchor, 1});
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t anchor, YAML::EmitterStyle::value) override {
    open_.push_back({anchor, 1});
  }
  void OnMapEnd() override { close(); }

 private:
  struct Open {
    YAML::anchor_t anchor;
    unsigned long long size;
  };

  static unsigned long long capped(unsigned long long n) { return std::min(n, kMaxAliasedNodes + 1); }
  void add(unsigned long long size) {
    if (!open_.empty()) open_.back().size = capped(open_.back().size + size);
  }
  void leaf(YAML::anchor_t anchor) {
    if (anchor) sizes_[anchor] = 1;
    add(1);
  }
  void close() {
    const Open done = open_.back();
    open_.pop_back();
    if (done.anchor) sizes_[done.anchor] = done.size;
    add(done.size);
  }

  std::map<YAML::anchor_t, unsigned long long> sizes_;
  std::vector<Open> open_;
  unsigned long long aliased_ = 0;
};

}  // namespace

std::optional<AliasProblem> aliasProblemIn(const std::string& text) {
  std::istringstream in(text);
  YAML::Parser parser(in);
  AliasCounter counter;
  while (!counter.problem && parser.HandleNextDocument(counter)) {
  }
  return counter.problem;
}

}  // namespace raylog
