// Runs saved inputs through a fuzz target's body without libFuzzer, so any compiler can check
// that the seed corpus and every past finding still hold the target's properties.
// Usage: fuzz_replay_<target> FILE_OR_FOLDER...  (folders: every file in them, sorted)
#include <algorithm>
#include <boost/filesystem.hpp>
#include <cstdint>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

int main(int argc, char** argv) {
  namespace fs = boost::filesystem;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    if (!fs::exists(argv[i])) {
      std::cerr << argv[i] << ": no such file or folder\n";
      return 2;
    }
    if (!fs::is_directory(argv[i])) {
      files.push_back(argv[i]);
      continue;
    }
    std::vector<std::string> found;
    for (fs::directory_iterator it(argv[i]), end; it != end; ++it)
      if (fs::is_regular_file(it->path())) found.push_back(it->path().string());
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  for (const std::string& f : files) {
    std::ifstream in(f, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::cerr << "running " << f << "\n";  // a failed property aborts: the last file named is the one
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  }
  std::cout << files.size() << " input(s) hold the target's properties\n";
  return files.empty() ? 1 : 0;
}
