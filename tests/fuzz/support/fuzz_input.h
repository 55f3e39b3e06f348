#pragma once
// Turning libFuzzer's bytes into what the code under test takes, and checks shared by targets.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "spec/spec.h"
#include "util/diagnostic.h"

namespace fuzz {

std::string text(const uint8_t* data, size_t size);

// Every examples/*/raylog.yaml, loaded once (the specs inject and the value checks use).
const std::vector<raylog::Spec>& exampleSpecs();

// An InputError is for people: at least one diagnostic, each naming `file`, with a message,
// printed on one line.
void checkLocated(const raylog::InputError& e, const std::string& file);

// Lines in `text` (a last line without '\n' counts).
int lineCount(const std::string& text);

}  // namespace fuzz
