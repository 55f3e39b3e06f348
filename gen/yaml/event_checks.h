#pragma once
// Checks made on yaml-cpp's parser events, before a tree is built, for what would make building
// or walking the tree endless:
// - A parser that stops making progress. yaml-cpp 0.7's LoadAll loops, allocating without bound,
//   when a document leaves its first token unconsumed (a ',' where a node should start outside
//   [ ] and { }: jbeder/yaml-cpp#1040, fixed upstream by PR #1319 after 0.7). The lexical scan of
//   source_file.cpp refuses the forms it knows; this catches the rest.
// - Alias cycles and alias bombs ("billion laughs"): yaml-cpp reads an alias as a second
//   reference to the anchored node, so parsing stays cheap, but everything that walks, clones or
//   writes the tree afterwards (schema checks, lint, inject, emitting) visits the anchored node
//   once per alias, and forever when the alias is inside the node it names. Kubernetes' own YAML
//   reader refuses "excessive aliasing" the same way (go-yaml v3 decode.go, allowedAliasRatio).
#include <optional>
#include <string>

#include <yaml-cpp/mark.h>

namespace raylog {

// The most nodes the aliases of one document may stand for (beyond the nodes written in it).
// Manifests that reuse an env list or a container through anchors stay far below it.
constexpr unsigned long long kMaxAliasedNodes = 10000;

// Whether `text` may contain an alias at all: a `*` where a node starts (after a blank, a line
// start or a flow indicator) followed by an anchor name. Only a quick look that saves reading the
// parser's events for files without aliases (most of them); never a verdict.
bool mayHaveAliases(const std::string& text);

// Whether `text` may hold a ',' where yaml-cpp could start a token with it (first on a line, after a
// blank, a quote, a bracket, '-', '?' or ':', or right after an anchor, a tag or an alias), or a
// line that starts with an explicit key ("? "): the ways found to stall its parser. Flow lists
// written "[a, b]" do not qualify, so most files skip the event pass, as do commas in comment
// lines and in block scalars' text (Fluent Bit's regexes). Only a quick look, never a verdict.
bool mayStallParser(const std::string& text);

struct EventProblem {
  enum Kind {
    NoProgress,  // the parser stays at `at` (yaml-cpp would loop there)
    AliasCycle,  // the alias at `at` is inside the node it names
    AliasBomb,   // at the alias at `at`, the document's aliases stand for more than kMaxAliasedNodes nodes
  };
  Kind kind;
  YAML::Mark at;
};

// The first such problem in `text`. Throws what YAML::LoadAll throws on malformed YAML.
std::optional<EventProblem> eventProblemIn(const std::string& text);

}  // namespace raylog
