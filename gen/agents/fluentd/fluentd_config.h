#pragma once
// A Fluentd configuration as data (<directive arg> blocks of "name value" lines, nested) and its
// writer. User values go through fluentd_value.h's gate and quoting; raylog-gen's own literals
// (regexes, environment references) are written as they are.
#include <string>
#include <utility>
#include <vector>

namespace raylog {

struct FluentdDirective {
  std::string name;  // source, filter, match, parse, buffer, store, server, record, system
  std::string arg;   // the tag pattern of filter and match; "" otherwise
  std::vector<std::pair<std::string, std::string>> params;  // values as written
  std::vector<FluentdDirective> children;

  // A value that may come from the user: quoted when it is not a plain token. Throws
  // std::logic_error for a value the gate refuses (callers check with locations first).
  FluentdDirective& set(const std::string& key, const std::string& value);
  // raylog-gen's own literal, written verbatim (a /regex/, an environment reference).
  FluentdDirective& setLiteral(const std::string& key, const std::string& text);
  FluentdDirective& add(const std::string& name, const std::string& arg = "");
  // The written value of the first parameter `key` ("" if none).
  std::string get(const std::string& key) const;
};

struct FluentdConfig {
  std::vector<FluentdDirective> directives;

  FluentdDirective& add(const std::string& name, const std::string& arg = "");
  std::string render() const;
};

}  // namespace raylog
