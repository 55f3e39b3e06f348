#pragma once
// "Did you mean" suggestions for misspelled keys and enum values.
#include <string>
#include <vector>

namespace raylog {

// Levenshtein distance, case-insensitive.
size_t editDistance(const std::string& a, const std::string& b);

// The candidate closest to `word`, or "" when none is close enough to be a plausible typo.
std::string closestMatch(const std::string& word, const std::vector<std::string>& candidates);

// " (did you mean 'x'?)" or "".
std::string didYouMean(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace raylog
