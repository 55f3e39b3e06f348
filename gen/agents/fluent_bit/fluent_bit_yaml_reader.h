#pragma once
// Reading a YAML-format Fluent Bit config into the same model (and lines) the classic reader
// gives, so lint's rules read both formats alike.
#include <string>

#include "agents/fluent_bit/fluent_bit_reader.h"

namespace raylog {

// Whether `text` is a YAML-format Fluent Bit config: a line that starts with the top-level key
// `pipeline:`, and inputs or outputs somewhere (a cheap test on the text: lint asks it of every
// ConfigMap value).
bool isFluentBitYaml(const std::string& text);

// service -> SERVICE, parsers -> PARSER, multiline_parsers -> MULTILINE_PARSER (its `rules`
// into the section's rules, the rest as entries), pipeline's inputs/filters/outputs ->
// INPUT/FILTER/OUTPUT; a key with a list gives one entry per item, in order. Lines are 1-based
// lines of `text`. Text that is not YAML (read with the same checks as every input,
// yaml/source_file.h) gives a problem and no sections; nested mappings (processors) are not read.
ParsedFluentBitConfig readFluentBitYaml(const std::string& text);

// readFluentBitYaml for YAML text, readFluentBitConfig otherwise.
ParsedFluentBitConfig readFluentBitConfigAnyFormat(const std::string& text);

}  // namespace raylog
