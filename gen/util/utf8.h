#pragma once
// UTF-8 validity (RFC 3629): YAML input must be UTF-8, and the JSON and schema libraries behind
// validation throw or misbehave on anything else, so invalid bytes are refused at the door.
#include <string>

namespace raylog {

// Index of the first byte of `text` that does not begin a valid UTF-8 sequence (overlong forms,
// surrogates and code points past U+10FFFF are invalid), or std::string::npos.
size_t invalidUtf8At(const std::string& text);

}  // namespace raylog
