#include "yaml/input_files.h"

#include <algorithm>
#include <boost/filesystem.hpp>

#include "util/diagnostic.h"

namespace raylog {

namespace fs = boost::filesystem;

static bool isYamlFile(const fs::path& p) {
  const std::string ext = p.extension().string();
  return ext == ".yaml" || ext == ".yml";
}

std::vector<std::string> expandInputPaths(const std::vector<std::string>& paths) {
  std::vector<std::string> out;
  for (const std::string& path : paths) {
    if (path == "-") {
      out.push_back(path);
      continue;
    }
    boost::system::error_code ec;
    if (!fs::exists(path, ec))
      throw InputError(Diagnostic{{path, 0, 0}, "cannot read file: no such file or directory; check the path"});
    if (!fs::is_directory(path, ec)) {
      out.push_back(path);
      continue;
    }
    std::vector<std::string> found;
    for (fs::recursive_directory_iterator it(path, ec), end; it != end; it.increment(ec)) {
      if (ec) break;
      if (fs::is_regular_file(it->path(), ec) && isYamlFile(it->path())) found.push_back(it->path().string());
    }
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

}  // namespace raylog
