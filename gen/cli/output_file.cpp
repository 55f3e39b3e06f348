#include "cli/output_file.h"

#include <sys/stat.h>

#include <boost/filesystem.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <stdexcept>

namespace raylog {

void writeOutput(const std::string& path, const std::string& text) {
  if (path.empty() || path == "-") {
    std::cout << text << std::flush;
    if (!std::cout) throw std::runtime_error("could not write to standard output");
    return;
  }
  const std::string tmp = path + ".raylog-gen.tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error(path + ": cannot write: " + std::strerror(errno) + "; check that the folder exists");
    out << text;
    out.close();
    if (!out) {
      std::remove(tmp.c_str());
      throw std::runtime_error(path + ": write failed: " + std::strerror(errno));
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::string why = std::strerror(errno);
    std::remove(tmp.c_str());
    throw std::runtime_error(path + ": cannot replace file: " + why);
  }
}

void makeExecutable(const std::string& path) {
  if (::chmod(path.c_str(), 0755) != 0) throw std::runtime_error(path + ": cannot make executable: " + std::strerror(errno));
}

void writeOutputDir(const std::string& dir, const std::vector<std::pair<std::string, std::string>>& files) {
  boost::system::error_code ec;
  boost::filesystem::create_directories(dir, ec);
  if (ec) throw std::runtime_error(dir + ": cannot create folder: " + ec.message());
  for (const auto& [name, text] : files) writeOutput((boost::filesystem::path(dir) / name).string(), text);
  for (const auto& [name, text] : files) std::cerr << "raylog-gen: wrote " << (boost::filesystem::path(dir) / name).string() << "\n";
}

}  // namespace raylog
