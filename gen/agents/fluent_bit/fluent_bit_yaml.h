#pragma once
// Fluent Bit's YAML configuration format (the standard one since 3.2) from the same section
// model the classic writer takes: service, parsers, multiline_parsers, and the pipeline's inputs,
// filters and outputs. Values are emitted as YAML scalars (quoted and escaped by the emitter),
// never pasted into text.
#include <string>

#include "agents/fluent_bit/fluent_bit_config.h"

namespace raylog {

// The YAML text of `config` (PARSER and MULTILINE_PARSER sections become the file's own parsers
// and multiline_parsers). Keys are written lower-case, as Fluent Bit's documentation writes them
// (it reads them case-insensitively); a key that repeats (record_modifier's Record, parser's
// Parser) becomes one key with a list, which Fluent Bit applies entry by entry
// (src/flb_config.c, CFL_VARIANT_ARRAY); multiline rules become `rules:` mappings of state,
// regex and next_state (src/flb_parser.c). Throws std::logic_error where render() would.
std::string renderFluentBitYaml(const FluentBitConfig& config);

}  // namespace raylog
