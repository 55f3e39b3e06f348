#include "yaml/document_heads.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <sstream>

namespace raylog {

namespace {

// Follows the top level of each document's root mapping: its keys and values alternate there.
class HeadReader : public YAML::EventHandler {
 public:
  explicit HeadReader(std::vector<DocumentHead>& heads) : heads_(heads) {}

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (!heads_.empty()) heads_.back().endAt = static_cast<size_t>(mark.pos);
    heads_.emplace_back();
    depth_ = 0;
    atKey_ = true;
    kindKey_ = kindSeen_ = false;
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override { node(mark, Node::Null, ""); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { node(mark, Node::Alias, ""); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t, const std::string& value) override {
    node(mark, Node::Scalar, value);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    node(mark, Node::Collection, "");
    ++depth_;
  }
  void OnSequenceEnd() override { --depth_; }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    if (depth_ == 0) heads_.back().mapping = true;
    node(mark, Node::Collection, "");
    ++depth_;
  }
  void OnMapEnd() override { --depth_; }

 private:
  enum class Node { Null, Alias, Scalar, Collection };

  void node(const YAML::Mark& mark, Node type, const std::string& value) {
    DocumentHead& head = heads_.back();
    if (depth_ == 0) {
      head.rootAt = static_cast<size_t>(mark.pos);
      return;
    }
    if (depth_ != 1 || !head.mapping || kindSeen_) return;
    if (atKey_) {
      kindKey_ = type == Node::Scalar && value == "kind";
      // An alias could stand for "kind"; a merge key could bring one in.
      if (type == Node::Alias || (type == Node::Scalar && value == "<<")) head.kindCertain = false;
    } else if (kindKey_) {
      kindSeen_ = true;  // the first "kind" key is the one a tree's lookup finds
      if (type == Node::Scalar) head.kind = value;
      if (type == Node::Alias) head.kindCertain = false;
    }
    atKey_ = !atKey_;
  }

  std::vector<DocumentHead>& heads_;
  int depth_ = 0;
  bool atKey_ = true, kindKey_ = false, kindSeen_ = false;
};

}  // namespace

std::vector<DocumentHead> readDocumentHeads(const std::string& text) {
  std::vector<DocumentHead> heads;
  std::istringstream in(text);
  YAML::Parser parser(in);
  HeadReader reader(heads);
  while (parser.HandleNextDocument(reader)) {
  }
  if (!heads.empty()) heads.back().endAt = text.size();
  return heads;
}

std::string blankDocuments(const std::string& text, const std::vector<DocumentHead>& heads,
                           const std::vector<bool>& dropped) {
  // yaml-cpp reads blanks about as slowly as text: the dropped documents at the end are cut off.
  size_t tail = heads.size();
  while (tail > 0 && dropped[tail - 1] && heads[tail - 1].rootAt < text.size()) --tail;
  std::string out = tail < heads.size() ? text.substr(0, heads[tail].rootAt) + "~\n" : text;
  for (size_t d = 0; d < tail; ++d) {
    if (!dropped[d] || heads[d].rootAt >= heads[d].endAt || heads[d].endAt > text.size()) continue;
    out[heads[d].rootAt] = '~';
    for (size_t i = heads[d].rootAt + 1; i < heads[d].endAt; ++i) {
      const bool lineStart = text[i - 1] == '\n';
      // A document end (...) or a directive (%) between documents stays, with all after it.
      if (lineStart && (text[i] == '%' || text.compare(i, 3, "...") == 0)) break;
      if (text[i] != '\n' && text[i] != '\r') out[i] = ' ';
    }
  }
  return out;
}

std::string kindLineValue(const std::string& text, size_t at) {
  const size_t eol = std::min(text.find('\n', at), text.size());
  std::string value = text.substr(at, eol - at);
  if (const size_t comment = value.find(" #"); comment != std::string::npos) value.erase(comment);
  const size_t first = value.find_first_not_of(" \t"), last = value.find_last_not_of(" \t\r");
  value = first == std::string::npos ? "" : value.substr(first, last - first + 1);
  if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front())
    value = value.substr(1, value.size() - 2);
  return value;
}

}  // namespace raylog
