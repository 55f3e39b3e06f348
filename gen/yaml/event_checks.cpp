#include "yaml/event_checks.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <cctype>
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

// Whether `line` ends with a block scalar header ("key: |", "- >-", "|2"): the lines indented
// deeper below it are text.
static bool endsWithBlockHeader(const std::string& text, size_t from, size_t to) {
  while (to > from && (text[to - 1] == ' ' || text[to - 1] == '\t' || text[to - 1] == '\r')) --to;
  size_t token = to;
  while (token > from && text[token - 1] != ' ' && text[token - 1] != '\t') --token;
  if (token == to || (text[token] != '|' && text[token] != '>')) return false;
  for (size_t i = token + 1; i < to; ++i)
    if (text[i] != '-' && text[i] != '+' && !std::isdigit(static_cast<unsigned char>(text[i]))) return false;
  for (size_t i = from + 1; i < token; ++i)  // "a: b # c |" ends with a comment
    if (text[i] == '#' && (text[i - 1] == ' ' || text[i - 1] == '\t')) return false;
  return true;
}

bool mayStallParser(const std::string& text) {
  int blockIndent = -1;  // the header line's indentation while in a block scalar's text
  size_t comma = text.find(',');  // the first comma at or after the line: looked for once, not per line
  for (size_t from = 0; from < text.size();) {
    const size_t to = std::min(text.find('\n', from), text.size());
    const size_t first = text.find_first_not_of(' ', from);
    const int indent = static_cast<int>(std::min(first, to) - from);
    const bool blank = first >= to || text.find_first_not_of(" \t\r", from) >= to;
    if (blockIndent >= 0 && (blank || indent > blockIndent)) {
      from = to + 1;
      continue;
    }
    blockIndent = -1;
    // A line that starts with an explicit key ("? "): after a tagged or anchored scalar at the top
    // ("!t C", then "?") yaml-cpp 0.7 never returns, with no comma anywhere (found by fuzzing
    // inject). Such keys are rare in manifests, so the events are read for any.
    const char afterKey = first + 1 < to ? text[first + 1] : '\n';
    if (!blank && text[first] == '?' && (afterKey == ' ' || afterKey == '\t' || afterKey == '\r' || afterKey == '\n'))
      return true;
    if (!blank && text[first] != '#') {  // a comment line is text
      // So is a comment after a blank when no quote before it could hold the '#'.
      size_t end = to;
      for (size_t i = first; i < to && text[i] != '\'' && text[i] != '"'; ++i)
        if (text[i] == '#' && (text[i - 1] == ' ' || text[i - 1] == '\t')) {
          end = i;
          break;
        }
      if (comma < from) comma = text.find(',', from);
      for (size_t at = comma; at < end; at = text.find(',', at + 1)) {
        if (at == from) return true;
        if (std::string(" \t\r'\"]}-?:").find(text[at - 1]) != std::string::npos) return true;
        size_t token = at;
        // Back to the blank, bracket or comma before: each byte is looked at once at most.
        while (token > from && std::string(" \t\r[{,").find(text[token - 1]) == std::string::npos) --token;
        if (text[token] == '!' || text[token] == '&' || text[token] == '*') return true;
      }
      if (endsWithBlockHeader(text, from, to)) blockIndent = indent;
    }
    from = to + 1;
  }
  return false;
}

namespace {

// Counts, from the parser's events, the nodes each anchored node stands for (itself and all below
// it, aliases expanded) and the nodes the aliases of the current document add. Counts stop
// growing past the limit, so nested aliases cannot overflow them.
class AliasCounter : public YAML::EventHandler {
 public:
  std::optional<EventProblem> problem;
  std::optional<YAML::Mark> documentAt;  // where the last document started

  void OnDocumentStart(const YAML::Mark& mark) override {
    documentAt = mark;
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
      if (o.anchor == anchor && anchor && !problem) problem = EventProblem{EventProblem::AliasCycle, mark};
    const auto known = sizes_.find(anchor);
    const unsigned long long size = known == sizes_.end() ? 1 : known->second;
    aliased_ = capped(aliased_ + size);
    if (aliased_ > kMaxAliasedNodes && !problem) problem = EventProblem{EventProblem::AliasBomb, mark};
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

std::optional<EventProblem> eventProblemIn(const std::string& text) {
  std::istringstream in(text);
  YAML::Parser parser(in);
  AliasCounter counter;
  std::optional<YAML::Mark> previousAt;
  while (!counter.problem && parser.HandleNextDocument(counter)) {
    // A document that starts where the one before it started consumed nothing; yaml-cpp's LoadAll
    // would take documents from there forever.
    if (previousAt && counter.documentAt && counter.documentAt->pos == previousAt->pos)
      return EventProblem{EventProblem::NoProgress, *counter.documentAt};
    previousAt = counter.documentAt;
  }
  return counter.problem;
}

}  // namespace raylog
