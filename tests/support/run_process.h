#pragma once
// Runs the real raylog-gen binary for CLI tests: captures stdout, stderr and the exit code,
// feeds optional stdin, and kills the child after a timeout so a hang fails instead of blocking.
#include <string>
#include <vector>

struct ProcessResult {
  int exitCode = -1;  // -1 when killed by a signal or the timeout
  std::string out, err;
  bool timedOut = false;
};

ProcessResult runProcess(const std::vector<std::string>& argv, const std::string& stdinText = "",
                         int timeoutSeconds = 30);

// Path of the binary under test (set by CMake).
std::string raylogBinary();
std::string sourceDir();
