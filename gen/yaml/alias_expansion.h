#pragma once
// A guard against alias bombs ("billion laughs"): yaml-cpp reads an alias as a second reference
// to the anchored node, so parsing stays cheap, but everything that walks, clones or writes the
// tree afterwards (schema checks, lint, inject, emitting) visits the anchored node once per alias.
// Ten lines of nested aliases stand for billions of nodes. Kubernetes' own YAML reader refuses
// "excessive aliasing" the same way (go-yaml v3 decode.go, allowedAliasRatio).
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

struct AliasProblem {
  YAML::Mark at;     // the alias
  bool cycle = false;  // it names a node it is inside of; else the aliases stand for too many nodes
};

// The first alias of `text` that names a node it is inside of (yaml-cpp builds a cycle, and every
// walk of the tree then recurses until the stack overflows), or at which the aliases of one
// document stand for more than kMaxAliasedNodes nodes. `text` must be YAML that yaml-cpp parses
// (this throws what YAML::LoadAll throws otherwise).
std::optional<AliasProblem> aliasProblemIn(const std::string& text);

}  // namespace raylog
