#include "yaml/yaml_splice.h"

#include <algorithm>
#include <map>
#include <tuple>
#include <vector>

#include "yaml/yaml_emit.h"

namespace raylog {

namespace {

struct Edit {
  size_t begin, end;
  std::string text;
};

// A structural fingerprint: map keys sorted, scalars by their text, so that aliases, key order,
// quoting and formatting do not count (nodes raylog-gen builds carry no tags; how they are quoted
// is the emitter's business).
std::string canonical(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Map: {
      std::vector<std::string> entries;
      for (auto it = n.begin(); it != n.end(); ++it) entries.push_back(canonical(it->first) + ":" + canonical(it->second));
      std::sort(entries.begin(), entries.end());
      std::string out = "{";
      for (const std::string& e : entries) out += e + ",";
      return out + "}";
    }
    case YAML::NodeType::Sequence: {
      std::string out = "[";
      for (const YAML::Node& item : n) out += canonical(item) + ",";
      return out + "]";
    }
    case YAML::NodeType::Scalar:
      return "'" + n.Scalar() + "'";
    default:
      return "~";
  }
}

class Splicer {
 public:
  explicit Splicer(const std::string& text) : text_(text) {}

  bool diff(const YAML::Node& o, const YAML::Node& w, size_t end) {
    if (canonical(o) == canonical(w)) return true;
    if (o.IsMap() && w.IsMap() && block(o)) return diffMap(o, w, end);
    if (o.IsSequence() && w.IsSequence() && block(o)) return diffSeq(o, w, end);
    return false;
  }

  const std::vector<Edit>& edits() const { return edits_; }

 private:
  bool block(const YAML::Node& n) const {
    return n.Style() != YAML::EmitterStyle::Flow && !n.Mark().is_null() && n.size() > 0 &&
           static_cast<size_t>(n.Mark().pos) < text_.size();
  }

  size_t lineStart(size_t pos) const {
    const size_t nl = text_.rfind('\n', pos == 0 ? 0 : pos - 1);
    return pos == 0 || nl == std::string::npos ? 0 : nl + 1;
  }
  int column(size_t pos) const { return static_cast<int>(pos - lineStart(pos)); }

  // Moves `end` (a line start, or the text's end) back over blank lines and comment lines
  // indented no deeper than `col`: they belong to what follows.
  size_t trimEnd(size_t begin, size_t end, int col) const {
    while (end > begin) {
      const size_t ls = lineStart(end == 0 ? 0 : end - 1);
      if (ls < begin) break;
      const std::string line = text_.substr(ls, end - ls);
      const size_t first = line.find_first_not_of(" \t\r\n");
      const bool blank = first == std::string::npos;
      const bool comment = !blank && line[first] == '#' && static_cast<int>(first) <= col;
      if (!blank && !comment) break;
      end = ls;
    }
    if (end == text_.size() || (end > 0 && text_[end - 1] == '\n')) return end;
    return end;
  }

  // `n` emitted for a place at column `col` whose first line is already positioned.
  static std::string emitAt(const YAML::Node& n, int col) {
    std::string s = emitDocument(n);
    while (!s.empty() && s.back() == '\n') s.pop_back();
    std::string out;
    for (char c : s) {
      out += c;
      if (c == '\n') out += std::string(static_cast<size_t>(col), ' ');
    }
    return out;
  }

  static YAML::Node entry(const YAML::Node& key, const YAML::Node& value) {
    YAML::Node m(YAML::NodeType::Map);
    m[key] = value;
    return m;
  }

  // The text of an entry or item ends at a line end; keep its final newline out of the range.
  size_t contentEnd(size_t begin, size_t end) const {
    while (end > begin && (text_[end - 1] == '\n' || text_[end - 1] == '\r')) --end;
    return end;
  }

  bool diffMap(const YAML::Node& o, const YAML::Node& w, size_t end) {
    std::vector<std::pair<YAML::Node, YAML::Node>> entries;
    for (auto it = o.begin(); it != o.end(); ++it) entries.push_back({it->first, it->second});
    const int col = column(entries.front().first.Mark().pos);
    std::vector<size_t> starts, ends;
    for (size_t i = 0; i < entries.size(); ++i) {
      const YAML::Node& k = entries[i].first;
      if (!k.IsScalar() || k.Mark().is_null() || column(k.Mark().pos) != col) return false;
      starts.push_back(k.Mark().pos);
    }
    for (size_t i = 0; i < entries.size(); ++i) {
      const size_t next = i + 1 < entries.size() ? lineStart(starts[i + 1]) : end;
      if (next < starts[i]) return false;
      ends.push_back(trimEnd(starts[i], next, col));
    }
    // Common keys in the same order, or give up.
    std::vector<std::string> oKeys, wKeys;
    for (const auto& e : entries) oKeys.push_back(e.first.Scalar());
    for (auto it = w.begin(); it != w.end(); ++it) {
      if (!it->first.IsScalar()) return false;
      wKeys.push_back(it->first.Scalar());
    }
    std::vector<std::string> commonO, commonW;
    for (const std::string& k : oKeys)
      if (std::find(wKeys.begin(), wKeys.end(), k) != wKeys.end()) commonO.push_back(k);
    for (const std::string& k : wKeys)
      if (std::find(oKeys.begin(), oKeys.end(), k) != oKeys.end()) commonW.push_back(k);
    if (commonO != commonW) return false;

    for (size_t i = 0; i < entries.size(); ++i) {
      const std::string& key = oKeys[i];
      if (std::find(wKeys.begin(), wKeys.end(), key) == wKeys.end()) {
        edits_.push_back({lineStart(starts[i]), ends[i], ""});
        continue;
      }
      const YAML::Node ov = entries[i].second, wv = w[key];
      if (canonical(ov) == canonical(wv)) continue;
      const bool nested = (ov.IsMap() || ov.IsSequence()) && !ov.Mark().is_null() &&
                          static_cast<size_t>(ov.Mark().pos) > starts[i] && static_cast<size_t>(ov.Mark().pos) < ends[i];
      if (nested && diff(ov, wv, ends[i])) continue;
      edits_.push_back({starts[i], contentEnd(starts[i], ends[i]), emitAt(entry(entries[i].first, wv), col)});
    }
    std::string added;
    for (auto it = w.begin(); it != w.end(); ++it)
      if (std::find(oKeys.begin(), oKeys.end(), it->first.Scalar()) == oKeys.end())
        added += std::string(static_cast<size_t>(col), ' ') + emitAt(entry(it->first, it->second), col) + "\n";
    if (!added.empty()) edits_.push_back({ends.back(), ends.back(), lineBreakBefore(ends.back()) + added});
    return true;
  }

  // Text inserted at `pos` starts on a line of its own.
  std::string lineBreakBefore(size_t pos) const { return pos > 0 && text_[pos - 1] != '\n' ? "\n" : ""; }

  static std::string itemName(const YAML::Node& n) {
    if (!n.IsMap()) return "";
    for (const char* key : {"name", "groupName", "mountPath"})
      if (n[key] && n[key].IsScalar()) return std::string(key) + "=" + n[key].Scalar();
    return "";
  }

  bool diffSeq(const YAML::Node& o, const YAML::Node& w, size_t end) {
    std::vector<size_t> itemPos, dashPos;
    for (const YAML::Node& item : o) {
      if (item.Mark().is_null()) return false;
      size_t p = static_cast<size_t>(item.Mark().pos);
      size_t d = p;
      while (d > 0 && (text_[d - 1] == ' ' || text_[d - 1] == '\n' || text_[d - 1] == '\r')) --d;
      if (d == 0 || text_[d - 1] != '-') return false;
      itemPos.push_back(p);
      dashPos.push_back(d - 1);
    }
    const int dashCol = column(dashPos.front());
    for (size_t d : dashPos)
      if (column(d) != dashCol || text_.find_first_not_of(' ', lineStart(d)) != d) return false;
    std::vector<size_t> ends;
    for (size_t i = 0; i < itemPos.size(); ++i) {
      const size_t next = i + 1 < itemPos.size() ? lineStart(dashPos[i + 1]) : end;
      if (next < itemPos[i]) return false;
      ends.push_back(trimEnd(itemPos[i], next, dashCol));
    }
    // Match w's items to o's, in order: by name (containers, volumes, env, mounts) or equality.
    std::vector<int> match(w.size(), -1);
    std::vector<bool> used(o.size(), false);
    for (size_t j = 0; j < w.size(); ++j)
      for (size_t i = 0; i < o.size(); ++i) {
        if (used[i]) continue;
        const std::string on = itemName(o[i]), wn = itemName(w[j]);
        if ((!on.empty() && on == wn) || canonical(o[i]) == canonical(w[j])) {
          match[j] = static_cast<int>(i);
          used[i] = true;
          break;
        }
      }
    // Items without a name that changed (a worker group's template): the one at the same place.
    for (size_t j = 0; j < w.size() && j < o.size(); ++j)
      if (match[j] < 0 && !used[j] && itemName(o[j]).empty() && itemName(w[j]).empty() && o[j].Type() == w[j].Type()) {
        match[j] = static_cast<int>(j);
        used[j] = true;
      }
    int last = -1;
    for (int m : match)
      if (m >= 0) {
        if (m < last) return false;
        last = m;
      }
    for (size_t i = 0; i < o.size(); ++i)
      if (!used[i]) edits_.push_back({lineStart(dashPos[i]), ends[i], ""});
    const int itemCol = dashCol + 2;
    auto itemText = [&](const YAML::Node& n) {
      return std::string(static_cast<size_t>(dashCol), ' ') + "- " + emitAt(n, itemCol) + "\n";
    };
    size_t insertAt = lineStart(dashPos.front());
    for (size_t j = 0; j < w.size(); ++j) {
      if (match[j] < 0) {
        edits_.push_back({insertAt, insertAt, lineBreakBefore(insertAt) + itemText(w[j])});
        continue;
      }
      const size_t i = static_cast<size_t>(match[j]);
      insertAt = ends[i];
      if (canonical(o[i]) == canonical(w[j])) continue;
      if ((o[i].IsMap() || o[i].IsSequence()) && diff(o[i], w[j], ends[i])) continue;
      edits_.push_back({itemPos[i], contentEnd(itemPos[i], ends[i]), emitAt(w[j], column(itemPos[i]))});
    }
    return true;
  }

  const std::string& text_;
  std::vector<Edit> edits_;
};

}  // namespace

std::optional<std::string> spliceDocument(const std::string& text, const YAML::Node& edited) {
  YAML::Node original;
  try {
    original = YAML::Load(text);
  } catch (const YAML::Exception&) {
    return std::nullopt;
  }
  Splicer s(text);
  if (!s.diff(original, edited, text.size())) return std::nullopt;
  std::vector<std::pair<Edit, size_t>> edits;
  for (const Edit& e : s.edits()) edits.push_back({e, edits.size()});
  // Applied from the end of the text. At one place: a replacement or deletion first, then the
  // insertions, the one made last first (so they read in the order they were made).
  std::sort(edits.begin(), edits.end(), [](const auto& a, const auto& b) {
    return std::make_tuple(a.first.begin, a.first.end, a.second) > std::make_tuple(b.first.begin, b.first.end, b.second);
  });
  std::string out = text;
  size_t floor = std::string::npos;
  for (const auto& [e, index] : edits) {
    if (e.end > floor || e.begin > e.end) return std::nullopt;  // overlapping edits
    out.replace(e.begin, e.end - e.begin, e.text);
    floor = e.begin;
  }
  try {
    if (canonical(YAML::Load(out)) != canonical(edited)) return std::nullopt;
  } catch (const YAML::Exception&) {
    return std::nullopt;
  }
  return out;
}

}  // namespace raylog
