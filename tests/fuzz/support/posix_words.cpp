#include "support/posix_words.h"

#include <cctype>

namespace fuzz {

std::optional<std::vector<std::string>> readShellWords(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  bool inWord = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ' ' || c == '\t') {
      if (inWord) words.push_back(word);
      word.clear();
      inWord = false;
    } else if (c == '\'') {
      const size_t end = text.find('\'', i + 1);
      if (end == std::string::npos) return std::nullopt;  // unterminated: the shell would read on
      word += text.substr(i + 1, end - i - 1);
      inWord = true;
      i = end;
    } else if (c == '\\') {
      if (i + 1 >= text.size() || text[i + 1] == '\n') return std::nullopt;  // line continuation
      word += text[++i];
      inWord = true;
    } else if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '/' || c == ',' ||
               c == '+' || c == '@' || c == '-' || c == ':') {
      word += c;
      inWord = true;
    } else {
      return std::nullopt;
    }
  }
  if (inWord) words.push_back(word);
  return words;
}

}  // namespace fuzz
