#pragma once
// Release lines of log agent images and when their projects stop fixing them, for lint's RL117.
// One row per line; a bump when a project publishes a new date is one row here plus its source.
#include <optional>
#include <string>
#include <vector>

namespace raylog::lint {

struct ImageLine {
  const char* repository;  // as k8s/image_pin.h's imageRepository gives it
  std::vector<int> from, below;  // versions [from, below) of the line; empty = unbounded
  const char* product;     // "Fluent Bit 4.2.x"
  const char* endOfLife;   // "2026-07-30", the last day of fixes; "" when long past
  const char* replacement;  // what to use instead
};

const std::vector<ImageLine>& imageLines();

struct EndOfLife {
  const ImageLine* line;
  std::string since;  // "" when long past
};

// The end of life `image` has reached on `today` (YYYY-MM-DD), or nullopt: not in the table, a
// line still maintained, or a tag that names no version (RL111's business).
std::optional<EndOfLife> imageEndOfLife(const std::string& image, const std::string& today);

// Today's date in UTC as YYYY-MM-DD; RAYLOG_GEN_TODAY (same form) overrides it, so a run can be
// reproduced on another day.
std::string todayUtc();

}  // namespace raylog::lint
