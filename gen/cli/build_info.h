#pragma once
// What `raylog-gen version` reports; defined in a source generated at build time
// (cmake/build_info.cmake).
namespace raylog::build_info {

extern const char* const kVersion;   // the project version (CMakeLists.txt)
extern const char* const kCommit;    // short git commit, "-dirty" with uncommitted changes, or "unknown"
extern const char* const kDate;      // build day, UTC (SOURCE_DATE_EPOCH when set)
extern const char* const kCompiler;  // compiler id and version

}  // namespace raylog::build_info
