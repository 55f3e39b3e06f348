#pragma once
// The agent ConfigMaps pod rules look up (namespace/name -> where each agent config is), and the
// lookups made through it: a file linted with only its own ConfigMaps keeps its findings when the
// whole input would have answered those lookups the same way.
#include <yaml-cpp/yaml.h>

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace raylog {
struct LogAgent;
}

namespace raylog::lint {

// The agent whose config a ConfigMap value is (agents/*/ say how theirs looks); nullptr for none.
const LogAgent* configOwner(const std::string& text);

// An agent ConfigMap of the input, with where its data values are.
struct ConfigMapEntry {
  std::string file;
  struct Value {
    std::string text;
    YAML::Mark keyMark, valueMark;
    int contentColumn = 0;  // file column where a block scalar's lines start (0: not a block scalar)
  };
  std::map<std::string, Value> data;  // data key -> its text and where it is
};

class ConfigMapIndex {
 public:
  // Later definitions of a namespace/name replace earlier ones, as for kubectl apply.
  void define(const std::string& key, ConfigMapEntry entry) { entries_[key] = std::move(entry); }

  // nullptr when the input has no agent ConfigMap `key` (namespace/name).
  const ConfigMapEntry* find(const std::string& key) const {
    lookups_.insert(key);
    auto it = entries_.find(key);
    return it == entries_.end() ? nullptr : &it->second;
  }
  bool has(const std::string& key) const { return find(key) != nullptr; }

  // Every key find() was asked for since the last call, found or not.
  std::set<std::string> takeLookups() const { return std::exchange(lookups_, {}); }

 private:
  std::map<std::string, ConfigMapEntry> entries_;
  mutable std::set<std::string> lookups_;
};

// The agent ConfigMaps (a data value some agent reads as its config) among `objects`, in order,
// as namespace/name and entry; `text` is the file they come from, for block scalar columns.
std::vector<std::pair<std::string, ConfigMapEntry>> agentConfigMaps(const std::vector<YAML::Node>& objects,
                                                                    const std::string& text, const std::string& file);

}  // namespace raylog::lint
