#pragma once
// Reads a Fluentd (v1 format) configuration back into directives and parameters, with line
// numbers: tests check raylog-gen's output with it, and lint reads users' configs with it.
// Covers what Ray logging configs use: <directive arg> blocks, "key value" lines with bare,
// 'single-' and "double-quoted" values, and # comments; @include is kept as a parameter.
#include <stdexcept>
#include <string>
#include <vector>

namespace raylog {

struct FluentdParam {
  std::string key, value;  // value unquoted; "#{...}" in double quotes is kept as written
  int line = 0;
};

struct FluentdNode {
  std::string name, arg;  // "" for the root
  int line = 0;
  std::vector<FluentdParam> params;
  std::vector<FluentdNode> children;

  // The value of the first parameter `key`, or "" when absent.
  std::string param(const std::string& key) const;
  const FluentdParam* findParam(const std::string& key) const;
  // The children named `name`, in order.
  std::vector<const FluentdNode*> childrenNamed(const std::string& name) const;
};

class FluentdReadError : public std::runtime_error {
 public:
  FluentdReadError(int line, const std::string& message) : std::runtime_error(message), line(line) {}
  int line;
};

// Throws FluentdReadError for an unclosed or mismatched block or an unterminated quote.
FluentdNode readFluentdConfig(const std::string& text);

}  // namespace raylog
