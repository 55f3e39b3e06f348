#include "support/fuzz_input.h"

#include <algorithm>
#include <boost/filesystem.hpp>

#include "spec/spec_loader.h"
#include "support/fuzz_check.h"

namespace fuzz {

std::string text(const uint8_t* data, size_t size) { return std::string(reinterpret_cast<const char*>(data), size); }

const std::vector<raylog::Spec>& exampleSpecs() {
  static const std::vector<raylog::Spec> specs = [] {
    namespace fs = boost::filesystem;
    std::vector<std::string> paths;
    for (fs::directory_iterator it(fs::path(RAYLOG_SOURCE_DIR) / "examples"), end; it != end; ++it)
      if (fs::exists(it->path() / "raylog.yaml")) paths.push_back((it->path() / "raylog.yaml").string());
    std::sort(paths.begin(), paths.end());
    std::vector<raylog::Spec> out;
    for (const std::string& p : paths) out.push_back(raylog::loadSpecFile(p));
    FUZZ_CHECK(!out.empty(), "no example specs under " RAYLOG_SOURCE_DIR "/examples");
    return out;
  }();
  return specs;
}

void checkLocated(const raylog::InputError& e, const std::string& file) {
  FUZZ_CHECK(!e.diagnostics().empty(), "an InputError without a diagnostic");
  for (const raylog::Diagnostic& d : e.diagnostics()) {
    FUZZ_CHECK(d.where.file == file, "diagnostic names '" + d.where.file + "', not '" + file + "': " + d.format());
    FUZZ_CHECK(!d.message.empty(), "diagnostic without a message at " + d.format());
    FUZZ_CHECK(d.format().find_first_of("\r\n") == std::string::npos, "a diagnostic spans lines: " + d.format());
  }
}

int lineCount(const std::string& text) {
  int n = static_cast<int>(std::count(text.begin(), text.end(), '\n'));
  return text.empty() || text.back() == '\n' ? n : n + 1;
}

}  // namespace fuzz
