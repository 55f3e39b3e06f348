#pragma once
// The one gate for text that enters a Fluentd config. Fluentd's v1 format reads a parameter's
// value to the end of its line; double-quoted values run embedded Ruby ("#{...}"), unquoted ones
// lose a trailing "# comment" and their blanks. So a user value is written bare only when it is a
// plain token, and otherwise single-quoted (where only \' and \\ are escapes and nothing runs);
// a value that cannot be written on one line at all is refused.
#include <optional>
#include <string>

namespace raylog {

// Why `value` cannot be written as a Fluentd parameter value, or nullopt when it can.
std::optional<std::string> fluentdValueProblem(const std::string& value);

// `value` as it is written after its parameter name: bare when it is a plain token, else
// single-quoted. Callers check fluentdValueProblem first.
std::string fluentdQuoted(const std::string& value);

// "#{ENV['NAME']}" in double quotes: how raylog-gen's own values (pod metadata, Secrets) reach
// the config. `name` must be an environment variable name ([A-Z_][A-Z0-9_]*).
std::string fluentdEnvReference(const std::string& name);

}  // namespace raylog
