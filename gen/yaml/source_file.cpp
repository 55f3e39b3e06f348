#include "yaml/source_file.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <optional>
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <tuple>
#include <yaml-cpp/depthguard.h>

#include "util/utf8.h"
#include "yaml/event_checks.h"
#include "yaml/document_heads.h"

namespace raylog {

std::string displayName(const std::string& path) { return path == "-" ? "<stdin>" : path; }

Location locationOf(const YAML::Mark& mark, const std::string& file) {
  if (mark.is_null()) return {file, 0, 0};
  return {file, mark.line + 1, mark.column + 1};
}

static std::string readBounded(std::istream& in, const std::string& name) {
  std::string text;
  char buffer[65536];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    text.append(buffer, static_cast<size_t>(in.gcount()));
    if (text.size() > kMaxInputBytes)
      throw InputError(Diagnostic{{name, 0, 0},
                                  "input is larger than " + std::to_string(kMaxInputBytes / (1024 * 1024)) +
                                      " MiB; split it into smaller files"});
  }
  return text;
}

std::string readInputFile(const std::string& path) {
  const std::string name = displayName(path);
  if (path == "-") return readBounded(std::cin, name);

  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    std::string why = errno == ENOENT ? "no such file" : std::strerror(errno);
    throw InputError(Diagnostic{{name, 0, 0}, "cannot read file: " + why + "; check the path"});
  }
  if (S_ISDIR(st.st_mode))
    throw InputError(Diagnostic{{name, 0, 0}, "is a directory, expected a YAML file"});
  if (!S_ISREG(st.st_mode))
    throw InputError(Diagnostic{{name, 0, 0}, "is not a regular file; pass a YAML file, or '-' for standard input"});
  if (static_cast<unsigned long long>(st.st_size) > kMaxInputBytes)
    throw InputError(Diagnostic{{name, 0, 0},
                                "file is larger than " + std::to_string(kMaxInputBytes / (1024 * 1024)) +
                                    " MiB; split it into smaller files"});
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw InputError(Diagnostic{{name, 0, 0}, std::string("cannot read file: ") + std::strerror(errno) +
                                                  "; check its permissions"});
  }
  return readBounded(in, name);
}

// The parser may stop past the last line (unclosed brackets); point at the last line instead.
static Location clampToText(Location where, const std::string& text) {
  int lines = 0;
  for (char c : text) lines += c == '\n';
  if (!text.empty() && text.back() != '\n') ++lines;
  if (lines > 0 && where.line > lines) {
    where.line = lines;
    where.column = 1;
  }
  return where;
}

// What yaml-cpp gets wrong or reports far from the cause, found by a scan of the text that
// tracks quotes, comments, flow depth and block scalars just well enough for it:
// - yaml-cpp 0.7 loops, allocating without bound, on a ',' where a node should start outside
//   [ ] and { } (",a", "[a], b", "--- ,"). Such a comma is invalid YAML anyway: it is found
//   before the parser runs (stopsParser).
// - A tab in a line's indentation: YAML forbids it, and yaml-cpp reports it (if at all) as a
//   mapping error further on, never naming the tab.
// - A quote that is not closed: yaml-cpp reads on to the next quote or to the end of the file,
//   taking the following lines into the value. A quoted string may span lines only when its
//   continuation lines are indented further than the line it starts on.
struct LexicalProblem {
  Location where;
  std::string message;
  bool stopsParser = false;
};

static std::optional<LexicalProblem> lexicalProblem(const std::string& text, const std::string& file) {
  // The first problem is the one reported; the scan goes on past one the parser survives (a tab)
  // because a later one may be fatal to it (a stray comma after a tab hung the parser).
  std::optional<LexicalProblem> first;
  auto found = [&](LexicalProblem p) {
    if (first) first->stopsParser = first->stopsParser || p.stopsParser;
    else first = std::move(p);
    return first->stopsParser;
  };
  int depth = 0, line = 1, blockIndent = -1;
  size_t lineStart = 0;
  size_t closedAt = std::string::npos;  // the last closing quote or outermost ] / } of a node
  auto indentOf = [&](size_t at) {
    size_t i = at;
    while (i < text.size() && text[i] == ' ') ++i;
    return static_cast<int>(i - at);
  };
  auto here = [&](size_t at) { return Location{file, line, static_cast<int>(at - lineStart) + 1}; };
  auto blank = [](char c) { return c == ' ' || c == '\t'; };
  // Whether a node may start at byte `at` (a quote there opens a quoted scalar, a '|' or '>' a
  // block scalar): first on its line, after '- ', '? ', ': ', in a flow collection, or after a
  // tag or an anchor. Elsewhere the character is part of a plain scalar ("don't", "a | b").
  auto nodeStarts = [&](size_t at) {
    while (true) {
      size_t k = at;
      while (k > lineStart && blank(text[k - 1])) --k;
      if (k == lineStart) return true;
      const char p = text[k - 1];
      const bool spaced = k != at;
      if (p == '[' || p == '{' || p == ',') return depth > 0;
      if (p == ':') return spaced || depth > 0;
      if (p == '-' && spaced && k == lineStart + 3 && text.compare(lineStart, 3, "---") == 0) return true;  // "--- |"
      // "- 'a'" and "? 'a'" where the '-' or '?' itself starts a node; inside a plain scalar it is
      // text ("Li? &nu ? &nu ''" is one scalar: inject's own output was refused, found by fuzzing
      // inject). A '-' or '?' ending a tag ("!!map:? 'a'") is the tag's, checked below.
      if ((p == '-' || p == '?') && spaced && (k - 1 == lineStart || blank(text[k - 2]))) {
        at = k - 1;
        continue;
      }
      if (!spaced) return false;
      size_t t = k;
      while (t > lineStart && !blank(text[t - 1])) --t;
      if (text[t] != '!' && text[t] != '&') return false;
      // A tag or an anchor only where a node starts itself: "a b &c 'd'" is one plain scalar
      // (found by fuzzing inject: its own output was refused).
      at = t;
    }
  };
  // After a quoted value or a flow collection that closes at byte `at`: the line ends, or a ':'
  // (a key), a comment, a ',' (outside [ ] and { } the comma check names it), or inside [ ] / { }
  // a ']' or '}'. Where anything else stands, its byte; npos when nothing does.
  auto strayTextAfter = [&](size_t at) {
    size_t k = at + 1;
    while (k < text.size() && blank(text[k])) ++k;
    const char next = k < text.size() ? text[k] : '\n';
    const bool fits = next == '\n' || next == '\r' || next == ':' || next == ',' || (next == '#' && k > at + 1) ||
                      (depth > 0 && (next == ']' || next == '}'));
    return fits ? std::string::npos : k;
  };
  // A ',' right after '-', '?' or ':' is text of a plain scalar ("-,x", "a:,b"), unless that
  // token is an anchor, a tag or an alias ("&a:," is anchor "a:" and a stray comma: yaml-cpp
  // allocates without bound on it, found by fuzzing krm).
  auto commaInPlainScalar = [&](size_t at) {
    if (at == lineStart || std::string("-?:").find(text[at - 1]) == std::string::npos) return false;
    size_t t = at;
    while (t > lineStart && !blank(text[t - 1])) --t;
    return std::string("&!*").find(text[t]) == std::string::npos;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    if (i == lineStart && blockIndent >= 0) {
      // Inside a block scalar: skip lines indented deeper than its parent, and blank lines.
      size_t eol = text.find('\n', i);
      const bool blankLine = text.find_first_not_of(" \t\r", i) == eol;
      if (blankLine || indentOf(i) > blockIndent) {
        if (eol == std::string::npos) break;
        i = eol;
        ++line;
        lineStart = eol + 1;
        continue;
      }
      blockIndent = -1;
    }
    if (i == lineStart && depth == 0) {
      size_t j = i;
      while (j < text.size() && blank(text[j])) ++j;
      const bool content = j < text.size() && text[j] != '\n' && text[j] != '\r' && text[j] != '#';
      // A tab among the leading blanks; searching further would scan the rest of the text per line.
      const auto indent = text.begin() + static_cast<long>(i), end = text.begin() + static_cast<long>(j);
      const size_t tab = i + static_cast<size_t>(std::find(indent, end, '\t') - indent);  // j when none
      if (content && tab < j && found({here(tab), "invalid YAML: tabs are not allowed for indentation; use spaces"}))
        return first;
    }
    const char c = text[i];
    if (c == '\n') {
      ++line;
      lineStart = i + 1;
      continue;
    }
    const bool tokenStart = i == lineStart || blank(text[i - 1]);
    if (c == '#' && tokenStart) {
      i = std::min(text.find('\n', i), text.size()) - 1;
    } else if ((c == '"' || c == '\'') && nodeStarts(i)) {
      const Location open = here(i);
      const int openIndent = indentOf(lineStart);
      const bool blockContext = depth == 0;
      const std::string closeIt = std::string("; add the closing ") + c;
      for (++i;; ++i) {
        if (i >= text.size())
          return found({open, "invalid YAML: the quote that starts here is never closed" + closeIt, true}), first;
        if (c == '"' && text[i] == '\\' && i + 1 < text.size() && text[i + 1] != '\n') {
          ++i;
          continue;
        }
        if (text[i] == c) {
          if (c == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {  // '' is a quote inside '...'
            ++i;
            continue;
          }
          // yaml-cpp 0.7 never returns on "'a'b" followed by a "? " line.
          const size_t stray = strayTextAfter(i);
          if (stray != std::string::npos &&
              found({here(stray), std::string("invalid YAML: text after a quoted value's closing ") + c +
                                      "; put the whole value inside the quotes",
                     true}))
            return first;
          closedAt = i;
          break;
        }
        if (text[i] != '\n') continue;
        ++line;
        lineStart = i + 1;
        size_t j = lineStart;
        while (j < text.size() && blank(text[j])) ++j;
        if (j >= text.size() || text[j] == '\n' || text[j] == '\r') continue;  // blank lines belong to the string
        const bool marker = (text.compare(lineStart, 3, "---") == 0 || text.compare(lineStart, 3, "...") == 0) &&
                            (lineStart + 3 >= text.size() || std::isspace(static_cast<unsigned char>(text[lineStart + 3])));
        if (marker || (blockContext && indentOf(lineStart) <= openIndent))
          return found({open, "invalid YAML: the quote that starts here is not closed (line " + std::to_string(line) +
                                  " is not indented under it)" + closeIt, true}),
                 first;
      }
    } else if ((c == '[' || c == '{') && (depth > 0 || nodeStarts(i))) {  // in a block plain scalar (a{b) it is text
      ++depth;
    } else if ((c == ']' || c == '}') && depth > 0) {
      if (--depth == 0) {
        closedAt = i;
        // yaml-cpp 0.7 allocates without bound on "[] t" followed by a "? " line (found by fuzzing krm).
        const size_t stray = strayTextAfter(i);
        if (stray != std::string::npos &&
            found({here(stray), std::string("invalid YAML: text after a flow collection's closing ") + c +
                                    "; put the text inside the brackets, or quote the whole value",
                   true}))
          return first;
      }
    } else if ((c == '|' || c == '>') && depth == 0 && tokenStart && nodeStarts(i)) {
      blockIndent = indentOf(lineStart);
      i = std::min(text.find('\n', i), text.size()) - 1;  // the rest of the line is its header
    } else if (c == ',' && depth == 0 && !commaInPlainScalar(i)) {
      std::string before = text.substr(lineStart, i - lineStart);
      before.erase(before.find_last_not_of(" \t") + 1);
      while (true) {  // a tag or anchor before the comma (!t , and &a ,) leaves it at the node's start
        // Its name may hold quotes and brackets ('&-Zj:"\n",' ran yaml-cpp out of memory, found by
        // fuzzing krm).
        const size_t space = before.find_last_of(" \t");
        const size_t token = space == std::string::npos ? 0 : space + 1;
        if (token < before.size() && (before[token] == '!' || before[token] == '&')) {
          before.erase(token);
          before.erase(before.find_last_not_of(" \t") + 1);
          continue;
        }
        // A quote or bracket that closed no node is text of a plain scalar: "self in ['a', 'b']"
        // (KubeRay's CRDs have such validation rules).
        const bool closesNode = !before.empty() && lineStart + before.size() - 1 == closedAt;
        if (!before.empty() && std::string("]}\"'").find(before.back()) != std::string::npos && !closesNode) break;
        // The comma is text when the token before it does not start a node but continues a plain
        // scalar: "a: meta - ,th" and "a: s p *ac:- ,th" are one scalar each (inject's own output
        // was refused, found by fuzzing inject).
        const std::string last = before.substr(token);
        if (!last.empty() && !nodeStarts(lineStart + token)) break;
        // A '-' or '?' ending a longer token is text too ("spec:-   ,th"), but "---" is a document
        // marker and "*a-" an alias.
        if (last.size() >= 2 && (last.back() == '-' || last.back() == '?') && last != "---" && last[0] != '*') break;
        // A document marker starts a line's nodes as the line start does ("...\t!t," ran yaml-cpp
        // out of memory, found by fuzzing krm).
        if (before.empty() || before == "..." || std::string("-:?]}\"'").find(before.back()) != std::string::npos)
          return found({here(i), "invalid YAML: a ',' cannot start a value outside [ ] or { }; remove it, or "
                                 "quote the value if the comma belongs to it", true}),
                 first;
        break;
      }
    }
  }
  return first;
}

// Where byte `at` of `text` is, as line and column (bytes, 1-based).
static Location byteLocation(const std::string& text, size_t at, const std::string& file) {
  const size_t lineStart = at == 0 ? 0 : text.rfind('\n', at - 1) + 1;  // npos + 1 == 0
  const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
  return {file, line, 1 + static_cast<int>(at - lineStart)};
}

// YAML text is printable characters only (YAML 1.2 section 5.1, c-printable): C0 controls other
// than tab, LF and CR, and DEL, are written as escapes in double quotes. yaml-cpp reads them raw,
// and its writer then emits scalars that do not read back (found by fuzzing inject).
static size_t controlCharacterAt(const std::string& text) {
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) return i;
  }
  return std::string::npos;
}

// A carriage return alone (not CRLF) ends a line for YAML but not for the line-based edits that
// keep a file's bytes (inject, lint --fix), so such a file could not be edited in place.
static size_t loneCarriageReturnAt(const std::string& text) {
  for (size_t i = text.find('\r'); i != std::string::npos; i = text.find('\r', i + 1))
    if (i + 1 == text.size() || text[i + 1] != '\n') return i;
  return std::string::npos;
}

// yaml-cpp decodes the escapes \N (U+0085) and \_ (U+00A0) into the single bytes 0x85 and 0xA0,
// which are not UTF-8 (found by fuzzing inject: its output did not read back). The input was
// checked to be UTF-8, so a byte that is not UTF-8 in a scalar came from one of these.
static void repairLatin1Escapes(YAML::Node node) {
  if (node.IsScalar()) {
    const std::string& v = node.Scalar();
    if (invalidUtf8At(v) == std::string::npos) return;
    auto sequenceLength = [](unsigned char c) -> size_t {
      return c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    };
    std::string fixed;
    for (size_t i = 0; i < v.size();) {
      const unsigned char c = static_cast<unsigned char>(v[i]);
      const size_t length = sequenceLength(c);
      if (length && i + length <= v.size() && invalidUtf8At(v.substr(i, length)) == std::string::npos) {
        fixed.append(v, i, length);
        i += length;
        continue;
      }
      if (c == 0x85 || c == 0xA0) fixed += '\xC2';  // the code point's UTF-8 lead byte
      fixed += v[i++];
    }
    node = fixed;
  } else if (node.IsSequence()) {
    for (YAML::Node child : node) repairLatin1Escapes(child);
  } else if (node.IsMap()) {
    for (auto it = node.begin(); it != node.end(); ++it) {
      repairLatin1Escapes(it->first);
      repairLatin1Escapes(it->second);
    }
  }
}

// A mapping key that is itself a list or a mapping ("[a]: b", "? {a: b}"). Kubernetes objects and
// specs are JSON, whose keys are strings, and yaml-cpp 0.7 places such a key in the wrong mapping
// when it starts a line (found by fuzzing krm: the same items read back nested differently).
static std::optional<YAML::Mark> collectionKeyIn(const YAML::Node& node) {
  if (node.IsSequence()) {
    for (const YAML::Node& child : node)
      if (auto at = collectionKeyIn(child)) return at;
  } else if (node.IsMap()) {
    for (auto it = node.begin(); it != node.end(); ++it) {
      if (it->first.IsSequence() || it->first.IsMap()) return it->first.Mark();
      if (auto at = collectionKeyIn(it->second)) return at;
    }
  }
  return std::nullopt;
}

static std::string eventProblemMessage(const EventProblem& problem, const std::string& text) {
  switch (problem.kind) {
    case EventProblem::NoProgress: {
      const size_t at = static_cast<size_t>(problem.at.pos);
      const std::string what = at < text.size() ? std::string("'") + text[at] + "'" : "this";
      return "invalid YAML: a value cannot start with " + what + " outside [ ] or { }; remove it, or quote the value "
             "it belongs to";
    }
    case EventProblem::AliasCycle:
      return "invalid YAML: this alias names a node it is inside of (a cycle, which no Kubernetes object can hold); "
             "write the repeated part out, or anchor a node outside it";
    case EventProblem::AliasBomb:
      break;
  }
  return "invalid YAML: the aliases of this document stand for more than " + std::to_string(kMaxAliasedNodes) +
         " nodes (an alias bomb?); write the repeated parts out, or use fewer aliases";
}

std::vector<ParsedDocument> parseYamlStream(const std::string& text, const std::string& file) {
  return parseYamlStream(text, file, nullptr);
}

// The text the parser builds trees from: `text`, with the documents wantedKind refuses blanked.
// Their heads are read first (the parser's events, no tree) only when a "kind:" line suggests one.
static std::string withoutUnwantedDocuments(const std::string& text, bool (*wantedKind)(const std::string&)) {
  if (!wantedKind || !mayHaveUnwantedKind(text, wantedKind)) return {};
  const std::vector<DocumentHead> heads = readDocumentHeads(text);
  std::vector<bool> dropped(heads.size());
  bool any = false;
  for (size_t i = 0; i < heads.size(); ++i)
    any |= dropped[i] = heads[i].mapping && heads[i].kindCertain && !wantedKind(heads[i].kind);
  return any ? blankDocuments(text, heads, dropped) : std::string();
}

std::vector<ParsedDocument> parseYamlStream(const std::string& text, const std::string& file,
                                            bool (*wantedKind)(const std::string& kind)) {
  if (const size_t bad = invalidUtf8At(text); bad != std::string::npos) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(text[bad]));
    throw InputError(Diagnostic{byteLocation(text, bad, file), std::string("invalid YAML: byte ") + hex +
                                                                   " is not UTF-8; save the file as UTF-8"});
  }
  // YAML excludes NUL, and yaml-cpp takes NULs near the start for UTF-16/UTF-32 and decodes the
  // rest into garbage code points.
  if (const size_t nul = text.find('\0'); nul != std::string::npos)
    throw InputError(Diagnostic{byteLocation(text, nul, file),
                                "invalid YAML: a NUL byte (0x00); YAML text cannot contain it, remove it"});
  if (const size_t ctl = controlCharacterAt(text); ctl != std::string::npos) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(text[ctl]));
    throw InputError(Diagnostic{byteLocation(text, ctl, file),
                                std::string("invalid YAML: control character ") + hex +
                                    " is not allowed in YAML text; remove it, or write it as an escape inside double quotes"});
  }
  if (const size_t cr = loneCarriageReturnAt(text); cr != std::string::npos)
    throw InputError(Diagnostic{byteLocation(text, cr, file),
                                "invalid YAML: a carriage return without a line feed (an old Mac line ending); save the "
                                "file with LF or CRLF line endings"});
  const std::optional<LexicalProblem> lexical = lexicalProblem(text, file);
  if (lexical && lexical->stopsParser) throw InputError(Diagnostic{lexical->where, lexical->message});
  // The first problem in the file is reported: the scan's, or the parser's when it comes first.
  auto firstOf = [&](const Location& parserAt, const std::string& message) {
    if (lexical && std::tie(lexical->where.line, lexical->where.column) <= std::tie(parserAt.line, parserAt.column))
      return InputError(Diagnostic{lexical->where, lexical->message});
    return InputError(Diagnostic{parserAt, message});
  };
  // Only the escapes \N and \_ make such bytes; most files have neither, and are not walked.
  const bool latin1Escapes = text.find("\\N") != std::string::npos || text.find("\\_") != std::string::npos;
  std::vector<ParsedDocument> docs;
  try {
    const std::string blanked = withoutUnwantedDocuments(text, wantedKind);
    const std::string& parsed = blanked.empty() ? text : blanked;
    // Before a tree is built or walked: where yaml-cpp would loop, and alias cycles and bombs.
    if (mayStallParser(parsed) || mayHaveAliases(parsed))
      if (const std::optional<EventProblem> problem = eventProblemIn(parsed))
        throw firstOf(clampToText(locationOf(problem->at, file), text), eventProblemMessage(*problem, parsed));
    for (const YAML::Node& n : YAML::LoadAll(parsed)) docs.push_back({n, locationOf(n.Mark(), file)});
    if (latin1Escapes)
      for (const ParsedDocument& d : docs) repairLatin1Escapes(d.root);
  } catch (const YAML::ParserException& e) {  // includes YAML::DeepRecursion
    std::string msg = e.msg;
    if (dynamic_cast<const YAML::DeepRecursion*>(&e)) msg = "nesting is too deep";
    throw firstOf(clampToText(locationOf(e.mark, file), text), "invalid YAML: " + msg);
  } catch (const YAML::Exception& e) {
    throw firstOf(clampToText(locationOf(e.mark, file), text), "invalid YAML: " + e.msg);
  }
  if (lexical) throw InputError(Diagnostic{lexical->where, lexical->message});
  for (const ParsedDocument& d : docs)
    if (const auto key = collectionKeyIn(d.root))
      throw InputError(Diagnostic{clampToText(locationOf(*key, file), text),
                                  "invalid YAML: this mapping key is a list or a mapping; keys of Kubernetes objects "
                                  "and specs are strings: quote the key, or remove it"});
  return docs;
}

}  // namespace raylog
