#include "lint/image_lifecycle.h"

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <regex>

#include "k8s/image_pin.h"
#include "util/default_images.h"
#include "util/image_version.h"

namespace raylog::lint {

const std::vector<ImageLine>& imageLines() {
  // Fluent Bit: SECURITY.md of fluent/fluent-bit at v5.1.1 ("Supported Versions": 5.1.x active;
  // 5.0.x until November 30, 2026; 4.2.x EOL July 30, 2026; 4.1.x February 28, 2026; 4.0.x
  // December 23, 2025; 3.2.x and older EOL) and MAINTENANCE.md (5.0 maintenance only until
  // November 30, 2026; "Older release lines are End-of-Life").
  // Promtail: Grafana's Loki docs, send-data/promtail ("Promtail is end of life (EOL) as of March 2,
  // 2026 ... All future feature development will occur in Grafana Alloy").
  static const std::vector<ImageLine> lines = {
      {"fluent/fluent-bit", {}, {4, 0}, "Fluent Bit before 4.0", "", default_images::kFluentBit},
      {"fluent/fluent-bit", {4, 0}, {4, 1}, "Fluent Bit 4.0.x", "2025-12-23", default_images::kFluentBit},
      {"fluent/fluent-bit", {4, 1}, {4, 2}, "Fluent Bit 4.1.x", "2026-02-28", default_images::kFluentBit},
      {"fluent/fluent-bit", {4, 2}, {5, 0}, "Fluent Bit 4.2.x", "2026-07-30", default_images::kFluentBit},
      {"fluent/fluent-bit", {5, 0}, {5, 1}, "Fluent Bit 5.0.x", "2026-11-30", default_images::kFluentBit},
      {"grafana/promtail", {}, {}, "Promtail", "2026-03-02",
       "Grafana Alloy (grafana/alloy; `alloy convert --source-format=promtail` converts the config)"},
  };
  return lines;
}

std::optional<EndOfLife> imageEndOfLife(const std::string& image, const std::string& today) {
  const std::string repository = imageRepository(image);
  const std::vector<int> version = imageVersion(image);
  for (const ImageLine& l : imageLines()) {
    if (repository != l.repository) continue;
    const bool bounded = !l.from.empty() || !l.below.empty();
    if (bounded && version.empty()) continue;  // :latest, a digest: nothing to compare
    const bool fromOk = l.from.empty() || !std::lexicographical_compare(version.begin(), version.end(), l.from.begin(), l.from.end());
    const bool belowOk = l.below.empty() || std::lexicographical_compare(version.begin(), version.end(), l.below.begin(), l.below.end());
    if (!fromOk || !belowOk) continue;
    const std::string date = l.endOfLife;
    if (!date.empty() && today <= date) return std::nullopt;  // fixed through its last day
    return EndOfLife{&l, date};
  }
  return std::nullopt;
}

std::string todayUtc() {
  static const std::regex form("^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
  if (const char* given = std::getenv("RAYLOG_GEN_TODAY"); given && std::regex_match(given, form)) return given;
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &utc);
  return buf;
}

}  // namespace raylog::lint
