#include "lint/linter.h"

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <optional>

#include "lint/file_linter.h"
#include "util/parallel_for.h"
#include "yaml/input_files.h"
#include "yaml/source_file.h"

namespace raylog::lint {

namespace {

// What a file leaves behind once linted: its findings, and the few keys that tell whether the
// whole input's agent ConfigMaps would have looked the same to its rules as its own did.
struct FileOutcome {
  std::vector<Diagnostic> unreadable;  // reading it failed
  std::optional<Diagnostic> refused;   // a template, not linted
  bool linted = false;
  std::vector<Finding> findings;
  std::vector<std::string> defines;  // agent ConfigMaps (namespace/name) it defines
  std::vector<std::string> lookups;  // ConfigMaps its rules looked up
};

struct Input {
  std::string text;
  std::vector<Diagnostic> errors;
  bool ok = false;
};

using ConfigMapList = std::vector<std::pair<std::string, ConfigMapEntry>>;

class Linter {
 public:
  explicit Linter(const LintOptions& options) : options_(options) {}

  // One pass: every file linted on its own, in parallel, with its own agent ConfigMaps; then, in
  // file order, the rare file whose rules looked up a ConfigMap that the whole input resolves
  // otherwise (defined in another file, or redefined by a later one) is linted again with those.
  LintResult run(const std::vector<std::string>& paths) {
    const std::vector<std::string> files = expand(paths);
    std::vector<FileOutcome> outcomes(files.size());
    const unsigned threads = options_.threads ? options_.threads : usableCores();
    parallelFor(files.size(), threads, [&](size_t i) { outcomes[i] = lintAlone(files[i]); });
    relintWhereTheInputDiffers(files, outcomes, threads);
    return collect(outcomes);
  }

  // Two passes, one thread, a tree for every document: every agent ConfigMap of the input indexed
  // first, then every file linted against that index. Slower; the one-pass run is tested to
  // report the same.
  LintResult runTwoPass(const std::vector<std::string>& paths) {
    const std::vector<std::string> files = expand(paths);
    ConfigMapIndex all;
    for (const std::string& f : files) {
      const Input in = read(f);
      if (in.ok)
        for (auto& [key, entry] : agentConfigMapsOf(in.text, nameFor(f))) all.define(key, std::move(entry));
    }
    std::vector<FileOutcome> outcomes(files.size());
    for (size_t i = 0; i < files.size(); ++i) {
      const Input in = read(files[i]);
      outcomes[i].unreadable = in.errors;
      if (in.ok) keep(lintFileText(in.text, nameFor(files[i]), options_, &all, Documents::All), outcomes[i]);
    }
    return collect(outcomes);
  }

  // Lint `text` where standard input is read.
  void setStdin(const std::string& text) {
    stdinRead_ = true;
    stdin_ = text;
  }

  // Lint `text` where file `name` is asked for.
  void setText(const std::string& name, const std::string& text) { given_[name] = text; }

 private:
  std::vector<std::string> expand(const std::vector<std::string>& paths) {
    // Texts given in memory (lint --fix weighing a rewrite, tests) need no file on disk.
    if (!paths.empty() && std::all_of(paths.begin(), paths.end(), [&](const std::string& p) { return given_.count(p) > 0; }))
      return paths;
    std::vector<std::string> files;
    try {
      files = expandInputPaths(paths);
    } catch (const InputError& e) {
      expandErrors_ = e.diagnostics();
      for (const std::string& p : paths)  // lint what does exist
        try {
          for (const std::string& f : expandInputPaths({p})) files.push_back(f);
        } catch (const InputError&) {
        }
    }
    // Standard input is read once, before the threads start, and linted wherever "-" is named.
    if (!stdinRead_ && !given_.count("-") && std::count(files.begin(), files.end(), "-")) {
      stdinRead_ = true;
      try {
        stdin_ = readInputFile("-");
      } catch (const InputError& e) {
        stdinErrors_ = e.diagnostics();  // and "-" is linted as empty, as it always was
      }
    }
    return files;
  }

  // Reads a file; unreadable files carry their diagnostics.
  Input read(const std::string& path) const {
    if (auto given = given_.find(path); given != given_.end()) return {given->second, {}, true};
    if (path == "-") return {stdin_, stdinErrors_, true};
    try {
      return {readInputFile(path), {}, true};
    } catch (const InputError& e) {
      return {"", e.diagnostics(), false};
    }
  }

  // The name findings in `path` carry: the path, or for standard input --stdin-filename's name.
  std::string nameFor(const std::string& path) const {
    return path == "-" && !options_.stdinName.empty() ? options_.stdinName : displayName(path);
  }

  static void keep(FileLint&& lint, FileOutcome& out) {
    out.refused = std::move(lint.refused);
    out.linted = !out.refused;
    out.findings = std::move(lint.findings);
    for (const auto& [key, entry] : lint.configMaps) out.defines.push_back(key);
    out.lookups.assign(lint.lookups.begin(), lint.lookups.end());
  }

  FileOutcome lintAlone(const std::string& path) const {
    FileOutcome out;
    const Input in = read(path);
    out.unreadable = in.errors;
    if (in.ok) keep(lintFileText(in.text, nameFor(path), options_, nullptr), out);
    return out;
  }

  void relintWhereTheInputDiffers(const std::vector<std::string>& files, std::vector<FileOutcome>& outcomes,
                                  unsigned threads) {
    std::map<std::string, size_t> lastDefinition;  // namespace/name -> the file defining it last
    for (size_t i = 0; i < outcomes.size(); ++i)
      for (const std::string& key : outcomes[i].defines) lastDefinition[key] = i;
    auto sameAnswers = [&](size_t i) {
      const FileOutcome& o = outcomes[i];
      for (const std::string& key : o.lookups) {
        const auto global = lastDefinition.find(key);
        const bool here = std::find(o.defines.begin(), o.defines.end(), key) != o.defines.end();
        if (here ? global->second != i : global != lastDefinition.end()) return false;
      }
      return true;
    };
    std::vector<size_t> again;
    for (size_t i = 0; i < outcomes.size(); ++i)
      if (!sameAnswers(i)) again.push_back(i);
    parallelFor(again.size(), threads, [&](size_t n) {
      const size_t i = again[n];
      const Input in = read(files[i]);
      if (!in.ok) return;
      ConfigMapIndex index;
      std::set<std::string> resolved, wanted(outcomes[i].lookups.begin(), outcomes[i].lookups.end());
      while (true) {
        for (const std::string& key : wanted) {
          const auto global = lastDefinition.find(key);
          if (resolved.insert(key).second && global != lastDefinition.end())
            index.define(key, definitionIn(files[global->second], key));
        }
        FileLint lint = lintFileText(in.text, nameFor(files[i]), options_, &index);
        if (std::includes(resolved.begin(), resolved.end(), lint.lookups.begin(), lint.lookups.end())) {
          outcomes[i].findings = std::move(lint.findings);
          return;
        }
        wanted = std::move(lint.lookups);
      }
    });
  }

  // The last definition of agent ConfigMap `key` in file `path` (parsed once, then cached).
  ConfigMapEntry definitionIn(const std::string& path, const std::string& key) {
    std::shared_ptr<const ConfigMapList> list;
    {
      std::lock_guard<std::mutex> lock(cacheMutex_);
      list = definitions_[path];
    }
    if (!list) {
      const Input in = read(path);
      list = std::make_shared<const ConfigMapList>(agentConfigMapsOf(in.text, nameFor(path)));
      std::lock_guard<std::mutex> lock(cacheMutex_);
      definitions_[path] = list;
    }
    for (auto it = list->rbegin(); it != list->rend(); ++it)
      if (it->first == key) return it->second;
    return {};
  }

  // In file order: unreadable inputs (expansion, then reading, then templates, each noted once),
  // the number of files linted and their findings.
  LintResult collect(std::vector<FileOutcome>& outcomes) const {
    LintResult result;
    std::set<std::string> noted;
    auto note = [&](const Diagnostic& d) {
      if (noted.insert(d.format()).second) result.unreadable.push_back(d);
    };
    for (const Diagnostic& d : expandErrors_) result.unreadable.push_back(d);
    for (const FileOutcome& o : outcomes)
      for (const Diagnostic& d : o.unreadable) note(d);
    for (const FileOutcome& o : outcomes)
      if (o.refused) note(*o.refused);
    for (FileOutcome& o : outcomes) {
      result.filesRead += o.linted;
      std::move(o.findings.begin(), o.findings.end(), std::back_inserter(result.findings));
    }
    return result;
  }

  const LintOptions& options_;
  std::vector<Diagnostic> expandErrors_;
  bool stdinRead_ = false;
  std::string stdin_;
  std::vector<Diagnostic> stdinErrors_;
  std::map<std::string, std::string> given_;  // texts linted as if they were these files
  std::mutex cacheMutex_;
  std::map<std::string, std::shared_ptr<const ConfigMapList>> definitions_;  // re-read files' ConfigMaps
};

}  // namespace

LintResult runLint(const std::vector<std::string>& paths, const LintOptions& options) {
  return Linter(options).run(paths);
}

LintResult runLintTwoPass(const std::vector<std::string>& paths, const LintOptions& options) {
  return Linter(options).runTwoPass(paths);
}

LintResult lintText(const std::string& text, const LintOptions& options) {
  Linter linter(options);
  linter.setStdin(text);
  return linter.run({"-"});
}

LintResult runLintOnText(const std::string& text, const std::string& name, const LintOptions& options) {
  Linter linter(options);
  linter.setText(name, text);
  return linter.run({name});
}

}  // namespace raylog::lint
