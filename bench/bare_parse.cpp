// The floor lint is measured against: every .yaml file under DIR read with yaml-cpp alone
// (YAML::LoadAllFromFile, one file after another, one thread) and its nodes counted, so no
// work is optimised away. Prints "files nodes".
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

static size_t countNodes(const YAML::Node& n) {
  size_t count = 1;
  if (n.IsSequence()) {
    for (const YAML::Node& child : n) count += countNodes(child);
  } else if (n.IsMap()) {
    for (auto it = n.begin(); it != n.end(); ++it) count += countNodes(it->first) + countNodes(it->second);
  }
  return count;
}

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: bare_parse DIR\n";
    return 2;
  }
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(argv[1]))
    if (e.is_regular_file() && (e.path().extension() == ".yaml" || e.path().extension() == ".yml"))
      files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  size_t nodes = 0, failed = 0;
  for (const std::string& f : files) {
    try {
      for (const YAML::Node& doc : YAML::LoadAllFromFile(f)) nodes += countNodes(doc);
    } catch (const YAML::Exception&) {
      ++failed;
    }
  }
  std::cout << files.size() << " files " << nodes << " nodes " << failed << " failed\n";
  return 0;
}
