#include "agents/fluentd/fluentd_reader.h"

#include <sstream>

namespace raylog {

namespace {

std::string trim(const std::string& s) {
  const size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  const size_t e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

// A quoted value: 'single' (escapes \' and \\ only) or "double" (backslash escapes; #{...} kept).
std::string unquote(const std::string& v, int line) {
  const char q = v.front();
  std::string out;
  size_t i = 1;
  for (; i < v.size(); ++i) {
    const char c = v[i];
    if (c == q) break;
    if (c == '\\' && i + 1 < v.size()) {
      const char n = v[i + 1];
      if (q == '\'' && n != '\'' && n != '\\') {
        out += c;
        continue;
      }
      ++i;
      out += q == '"' && n == 'n' ? '\n' : q == '"' && n == 't' ? '\t' : n;
      continue;
    }
    out += c;
  }
  if (i >= v.size()) throw FluentdReadError(line, "unterminated quoted value");
  const std::string rest = trim(v.substr(i + 1));
  if (!rest.empty() && rest.front() != '#') throw FluentdReadError(line, "text after a quoted value: " + rest);
  return out;
}

// A bare value ends at " #" (a comment), as Fluentd reads it.
std::string bareValue(const std::string& v) {
  const size_t hash = v.find(" #");
  return trim(hash == std::string::npos ? v : v.substr(0, hash));
}

}  // namespace

std::string FluentdNode::param(const std::string& key) const {
  const FluentdParam* p = findParam(key);
  return p ? p->value : "";
}

const FluentdParam* FluentdNode::findParam(const std::string& key) const {
  for (const FluentdParam& p : params)
    if (p.key == key) return &p;
  return nullptr;
}

std::vector<const FluentdNode*> FluentdNode::childrenNamed(const std::string& childName) const {
  std::vector<const FluentdNode*> out;
  for (const FluentdNode& c : children)
    if (c.name == childName) out.push_back(&c);
  return out;
}

FluentdNode readFluentdConfig(const std::string& text) {
  FluentdNode root;
  std::vector<FluentdNode*> open{&root};
  std::istringstream in(text);
  std::string raw;
  int line = 0;
  while (std::getline(in, raw)) {
    ++line;
    const std::string l = trim(raw);
    if (l.empty() || l.front() == '#') continue;
    FluentdNode& cur = *open.back();
    if (l.rfind("</", 0) == 0) {
      const std::string name = trim(l.substr(2, l.find('>') == std::string::npos ? std::string::npos : l.find('>') - 2));
      if (open.size() == 1) throw FluentdReadError(line, "</" + name + "> closes nothing");
      if (name != cur.name) throw FluentdReadError(line, "</" + name + "> closes <" + cur.name + ">");
      open.pop_back();
      continue;
    }
    if (l.front() == '<') {
      const size_t close = l.find('>');
      if (close == std::string::npos) throw FluentdReadError(line, "directive without '>'");
      const std::string inside = trim(l.substr(1, close - 1));
      const size_t space = inside.find_first_of(" \t");
      FluentdNode child;
      child.name = inside.substr(0, space);
      child.arg = space == std::string::npos ? "" : trim(inside.substr(space));
      child.line = line;
      cur.children.push_back(child);
      open.push_back(&cur.children.back());
      continue;
    }
    const size_t space = l.find_first_of(" \t");
    FluentdParam p;
    p.key = l.substr(0, space);
    p.line = line;
    const std::string v = space == std::string::npos ? "" : trim(l.substr(space));
    p.value = !v.empty() && (v.front() == '\'' || v.front() == '"') ? unquote(v, line) : bareValue(v);
    cur.params.push_back(p);
  }
  if (open.size() > 1) throw FluentdReadError(open.back()->line, "<" + open.back()->name + "> is never closed");
  return root;
}

}  // namespace raylog
