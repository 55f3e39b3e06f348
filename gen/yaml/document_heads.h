#pragma once
// Each document's top-level `kind`, read from yaml-cpp's parser events without building a tree:
// the parser still checks the whole stream, but a document nobody reads (a CRD of megabytes) is
// never built. Such documents are then blanked in place, so the stream parses into trees only
// for the rest, with every mark where it was.
#include <string>
#include <vector>

namespace raylog {

struct DocumentHead {
  size_t rootAt = std::string::npos;  // byte where the document's root node starts
  size_t endAt = std::string::npos;   // byte where the next document starts, or the text's end
  bool mapping = false;               // the root is a mapping
  bool kindCertain = true;            // `kind` is what a tree would answer (no alias or merge key in the way)
  std::string kind;                   // the first top-level key `kind`'s scalar value; "" when none
};

// The documents' heads. Throws what YAML::LoadAll throws on the same text.
std::vector<DocumentHead> readDocumentHeads(const std::string& text);

// Whether a line of `text` starts with "kind:" and names a kind `wanted` refuses: a quick look
// that tells when reading the heads may pay.
template <typename Wanted>
bool mayHaveUnwantedKind(const std::string& text, Wanted&& wanted);

// `text` with the root node of each document dropped[i] written as `~` (null) followed by blanks,
// newlines kept (same lines, same offsets: the other documents' marks do not move), and the
// dropped documents at its end cut off after the first one's `~`.
std::string blankDocuments(const std::string& text, const std::vector<DocumentHead>& heads,
                           const std::vector<bool>& dropped);

// The value on a line "kind: VALUE" (quotes and a trailing comment removed) starting at `at`.
std::string kindLineValue(const std::string& text, size_t at);

template <typename Wanted>
bool mayHaveUnwantedKind(const std::string& text, Wanted&& wanted) {
  for (size_t at = 0; at < text.size();) {
    if (text.compare(at, 5, "kind:") == 0 && !wanted(kindLineValue(text, at + 5))) return true;
    const size_t eol = text.find('\n', at);
    if (eol == std::string::npos) break;
    at = eol + 1;
  }
  return false;
}

}  // namespace raylog
