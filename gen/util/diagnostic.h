#pragma once
// A message about the user's input, located at file:line:col, and the exception that carries
// a batch of them out of a loader.
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace raylog {

struct Location {
  std::string file;
  int line = 0;    // 1-based; 0 when unknown
  int column = 0;  // 1-based; 0 when unknown
};

// The text with line breaks and other control characters escaped (\n, \r, \xHH; tabs stay), so
// that what it quotes from the input cannot split a report line.
std::string oneLine(const std::string& text);

// "file:line:col" (line and column left out when unknown), on one line.
std::string locationText(const Location& where);

struct Diagnostic {
  // A constructor rather than aggregate initialisation: GCC 12 at -O2 reports the cleanup of a
  // half-built aggregate temporary (when building the message throws) as "may be used uninitialized".
  Diagnostic() = default;
  Diagnostic(Location where, std::string message) : where(std::move(where)), message(std::move(message)) {}

  Location where;
  std::string message;  // what is wrong, then what to do

  // "file:line:col: error: message" (line and column left out when unknown).
  std::string format(const std::string& severity = "error") const;
};

// Thrown by loaders when the input is unusable; holds every problem found, in file order.
class InputError : public std::runtime_error {
 public:
  explicit InputError(std::vector<Diagnostic> diagnostics);
  explicit InputError(Diagnostic diagnostic);
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace raylog
