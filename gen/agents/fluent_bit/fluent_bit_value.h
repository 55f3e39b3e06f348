#pragma once
// The one gate for text that enters a classic-format Fluent Bit config. The format is line- and
// whitespace-sensitive: a newline would start a new key or a [SECTION], surrounding blanks are
// trimmed or misread, and "${" or "@" directives expand or include things. Values that cannot be
// written safely are refused, never escaped into something else.
#include <optional>
#include <string>

namespace raylog {

// Why `value` cannot be written as a Fluent Bit config value, or nullopt when it can.
// `allowEnvReference` permits "${NAME}" references (how secrets and pod metadata reach the
// config); only raylog-gen's own values use it, user values never do.
std::optional<std::string> fluentBitValueProblem(const std::string& value, bool allowEnvReference = false);

// Why `key` cannot be a Fluent Bit config key, or nullopt when it can.
std::optional<std::string> fluentBitKeyProblem(const std::string& key);

}  // namespace raylog
