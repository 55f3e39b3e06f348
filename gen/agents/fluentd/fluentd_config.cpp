#include "agents/fluentd/fluentd_config.h"

#include <regex>
#include <stdexcept>

#include "agents/fluentd/fluentd_value.h"

namespace raylog {

namespace {

void checkKey(const std::string& key) {
  static const std::regex re("^@?[A-Za-z_][A-Za-z0-9_]*$");
  if (!std::regex_match(key, re)) throw std::logic_error("not a Fluentd parameter name: " + key);
}

void write(const FluentdDirective& d, const std::string& indent, std::string& out) {
  out += indent + "<" + d.name + (d.arg.empty() ? "" : " " + d.arg) + ">\n";
  for (const auto& [key, value] : d.params) out += indent + "  " + key + " " + value + "\n";
  for (const FluentdDirective& child : d.children) write(child, indent + "  ", out);
  out += indent + "</" + d.name + ">\n";
}

}  // namespace

FluentdDirective& FluentdDirective::set(const std::string& key, const std::string& value) {
  checkKey(key);
  params.emplace_back(key, fluentdQuoted(value));
  return *this;
}

FluentdDirective& FluentdDirective::setLiteral(const std::string& key, const std::string& text) {
  checkKey(key);
  if (text.find('\n') != std::string::npos) throw std::logic_error("line break in a Fluentd literal");
  params.emplace_back(key, text);
  return *this;
}

FluentdDirective& FluentdDirective::add(const std::string& childName, const std::string& childArg) {
  children.push_back({childName, childArg, {}, {}});
  return children.back();
}

std::string FluentdDirective::get(const std::string& key) const {
  for (const auto& [k, v] : params)
    if (k == key) return v;
  return "";
}

FluentdDirective& FluentdConfig::add(const std::string& name, const std::string& arg) {
  directives.push_back({name, arg, {}, {}});
  return directives.back();
}

std::string FluentdConfig::render() const {
  std::string out;
  for (size_t i = 0; i < directives.size(); ++i) {
    if (i) out += "\n";
    write(directives[i], "", out);
  }
  return out;
}

}  // namespace raylog
