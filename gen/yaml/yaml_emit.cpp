#include "yaml/yaml_emit.h"

#include <algorithm>
#include <cctype>
#include <regex>
#include <sstream>

#include "yaml/yaml_build.h"

namespace raylog {

bool plainScalarChangesType(const std::string& t) {
  if (t.empty()) return true;
  // YAML 1.1 booleans and nulls, which kubectl's reader and many others still honour.
  static const std::regex kWords("^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|"
                                 "on|On|ON|off|Off|OFF|null|Null|NULL|~)$");
  if (std::regex_match(t, kWords)) return true;
  // Anything that starts like a number (ints, floats, octal, hex, 1_000, sexagesimal 1:30,
  // .inf, .nan) is quoted; over-quoting a version string such as 2.41.0 is harmless.
  char c = t[0];
  if (std::isdigit(static_cast<unsigned char>(c))) return true;
  if ((c == '-' || c == '+' || c == '.') && t.size() > 1 &&
      (std::isdigit(static_cast<unsigned char>(t[1])) || t[1] == '.' || std::isalpha(static_cast<unsigned char>(t[1]))) &&
      std::regex_match(t, std::regex("^[-+.]?(\\.?[0-9][0-9_.:eE+-]*|\\.(inf|Inf|INF|nan|NaN|NAN))$")))
    return true;
  return false;
}

// A literal block keeps multi-line text readable; only used where it round-trips exactly.
static bool literalBlockSafe(const std::string& t) {
  if (t.find('\n') == std::string::npos) return false;
  if (t.size() < 2 || t.back() != '\n' || t[t.size() - 2] == '\n') return false;  // exactly one final newline
  if (t[0] == ' ' || t[0] == '\t') return false;  // would need an indentation indicator
  size_t lineStart = 0;
  for (size_t i = 0; i < t.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(t[i]);
    if (c == '\n') {
      if (i > lineStart && (t[i - 1] == ' ' || t[i - 1] == '\t')) return false;  // trailing blanks get lost in editors
      lineStart = i + 1;
    } else if (c < 0x20 && c != '\t') {
      return false;
    } else if (c == 0x7f) {
      return false;
    }
  }
  return true;
}

// "---" or "..." then a blank (or nothing) at the start of a line starts or ends a document;
// yaml-cpp writes such a plain scalar bare, and a root-level one then reads back as a marker.
static bool startsLikeDocumentMarker(const std::string& t) {
  return t.size() >= 3 && (t.compare(0, 3, "---") == 0 || t.compare(0, 3, "...") == 0) &&
         (t.size() == 3 || t[3] == ' ' || t[3] == '\t' || t[3] == '\n' || t[3] == '\r');
}

static void emitNode(YAML::Emitter& out, const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      out << YAML::Null;
      return;
    case YAML::NodeType::Scalar: {
      const std::string& text = node.Scalar();
      // A string either way, so quoting keeps its type. "{{" in a plain scalar reads as Go/Helm
      // template syntax, which the reader refuses; in quotes it is text (a continuation line
      // "'{{x'" of a plain scalar came back as one plain line: found by fuzzing inject).
      if (startsLikeDocumentMarker(text) || text.find("{{") != std::string::npos) {
        out << YAML::DoubleQuoted << text;
        return;
      }
      // Text with a line break is a string however it was tagged (no number or boolean holds one):
      // writing a tagged one bare made yaml-cpp quote it, and it came back as a literal block on the
      // next run (found by fuzzing inject).
      if (y::isStringScalar(node) || text.find('\n') != std::string::npos) {
        if (literalBlockSafe(text)) out << YAML::Literal << text;
        else if (plainScalarChangesType(text) || text.find('\n') != std::string::npos) out << YAML::DoubleQuoted << text;
        else out << text;
      } else {
        out << text;
      }
      return;
    }
    case YAML::NodeType::Sequence:
      if (node.size() == 0) {
        out << YAML::Flow << YAML::BeginSeq << YAML::EndSeq;
        return;
      }
      out << YAML::BeginSeq;
      for (const YAML::Node& item : node) emitNode(out, item);
      out << YAML::EndSeq;
      return;
    case YAML::NodeType::Map:
      if (node.size() == 0) {
        out << YAML::Flow << YAML::BeginMap << YAML::EndMap;
        return;
      }
      out << YAML::BeginMap;
      for (auto it = node.begin(); it != node.end(); ++it) {
        out << YAML::Key;
        emitNode(out, it->first);
        out << YAML::Value;
        emitNode(out, it->second);
      }
      out << YAML::EndMap;
      return;
  }
}

std::string emitDocument(const YAML::Node& doc) {
  YAML::Emitter out;
  out.SetIndent(2);
  out.SetMapFormat(YAML::Block);
  out.SetSeqFormat(YAML::Block);
  emitNode(out, doc);
  std::string text = out.c_str();
  if (text.empty() || text.back() != '\n') text += '\n';
  return text;
}

std::string emitStream(const std::vector<YAML::Node>& docs) {
  std::string text;
  for (const YAML::Node& d : docs) text += "---\n" + emitDocument(d);
  return text;
}

}  // namespace raylog
