#pragma once
// Text that is not a value yet: Kubernetes' $(VAR) references (expanded by kubelet in env,
// command and args), envsubst's ${VAR}, and Go/Helm template actions {{ ... }}.
#include <string>

namespace raylog {

// A ${NAME} or ${NAME:-default} as envsubst (and shells) expand it; the first one in `text`,
// "" when there is none.
std::string firstEnvsubstPlaceholder(const std::string& text);

// Whether `text` is nothing but $(VAR) / ${VAR} references (and no literal characters).
bool isOnlyReferences(const std::string& text);

// Whether `text` looks like a boolean or a number: a switch or a size, never a credential.
bool isBooleanOrNumber(const std::string& text);

}  // namespace raylog
