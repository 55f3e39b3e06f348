#pragma once
// The header lines of a generated setup script: each spec value once, as a shell variable,
// through shellQuote (the one value gate) or a quoted here-document.
#include <string>
#include <vector>

namespace raylog {

// NAME='value'
std::string shellAssign(const std::string& name, const std::string& value);

// NAME=('a' 'b')
std::string shellAssignArray(const std::string& name, const std::vector<std::string>& values);

// NAME=$(cat <<'END' ... END): a quoted here-document, never expanded, whatever the body holds.
std::string shellAssignHeredoc(const std::string& name, const std::string& body);

// What follows the values: the steps every setup script shares (templates/setup-script-common.sh:
// --dry-run, run(), a check for the REQUIRED_TOOLS array the values hold), then the cloud's own
// (its template, e.g. templates/eks-setup.sh).
std::string setupScriptSteps(const char* cloudTemplate);

}  // namespace raylog
