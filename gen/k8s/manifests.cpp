#include "k8s/manifests.h"

#include "yaml/input_files.h"
#include "yaml/source_file.h"
#include "yaml/template_syntax.h"

namespace raylog {

std::vector<SourceDocument> parseManifests(const std::string& text, const std::string& file) {
  if (auto problem = findTemplateSyntax(text, file)) throw InputError(*problem);
  std::vector<SourceDocument> docs;
  for (const ParsedDocument& d : parseYamlStream(text, file))
    if (!d.root.IsNull()) docs.push_back({d.root, file});
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
