#pragma once
// Go/Helm template files ({{ .Values.x }}, {{- include ... }}) are not manifests yet: YAML reads
// `name: {{ .Name }}` as a flow mapping, and rewriting one destroys the template. raylog-gen finds
// them before parsing and asks for the rendered output instead.
#include <optional>
#include <string>

#include "util/diagnostic.h"

namespace raylog {

// The first template action `{{` outside comments, quoted strings and block scalars (where it can
// be a value's own text), as an error saying what to do; nullopt when there is none.
std::optional<Diagnostic> findTemplateSyntax(const std::string& text, const std::string& file);

}  // namespace raylog
