#include "k8s/manifests.h"

#include <algorithm>

#include "yaml/input_files.h"
#include "yaml/source_file.h"
#include "yaml/template_syntax.h"

namespace raylog {

// Chunks at lines that start with the document marker `---` (YAML: always a marker at column 0).
static std::shared_ptr<const SourceText> cutAtMarkers(const std::string& text) {
  auto source = std::make_shared<SourceText>();
  source->text = text;
  size_t begin = 0;
  for (size_t ls = 0; ls < text.size();) {
    const size_t eol = std::min(text.find('\n', ls), text.size());
    const bool marker = text.compare(ls, 3, "---") == 0 && (ls + 3 == eol || text[ls + 3] == ' ' || text[ls + 3] == '\r');
    if (marker && ls > 0) {
      source->chunks.push_back({begin, ls});
      begin = ls;
    }
    ls = eol + 1;
  }
  source->chunks.push_back({begin, text.size()});
  return source;
}

std::vector<SourceDocument> parseManifests(const std::string& text, const std::string& file) {
  if (auto problem = findTemplateSyntax(text, file)) throw InputError(*problem);
  const std::shared_ptr<const SourceText> source = cutAtMarkers(text);
  std::vector<SourceDocument> docs;
  for (const ParsedDocument& d : parseYamlStream(text, file)) {
    if (d.root.IsNull()) continue;
    size_t chunk = 0;
    const size_t at = d.root.Mark().is_null() ? 0 : static_cast<size_t>(d.root.Mark().pos);
    while (chunk + 1 < source->chunks.size() && source->chunks[chunk + 1].first <= at) ++chunk;
    docs.push_back({d.root, file, source, chunk});
  }
  return docs;
}

std::vector<SourceDocument> readManifests(const std::vector<std::string>& paths) {
  std::vector<SourceDocument> docs;
  for (const std::string& path : expandInputPaths(paths)) {
    std::vector<SourceDocument> more = parseManifests(readInputFile(path), displayName(path));
    docs.insert(docs.end(), more.begin(), more.end());
  }
  return docs;
}

}  // namespace raylog
