#include "agents/fluent_bit/fluent_bit_storage.h"

#include "agents/outputs/buffering.h"

// Sources: fluent/fluent-bit at tags v3.2.10 and v5.1.1 (file:line at each tag).
//   service keys        include/fluent-bit/flb_config.h:361-368 / :447-461 (storage.path, .sync,
//                       .backlog.mem_limit, .max_chunks_up)
//   tail storage.type   src/flb_input.c:588 / :965 ("filesystem" or "memory")
//   storage.total_limit_size  src/flb_output.c:911 / :1154 (per output; unset = no limit)
//   Retry_Limit         src/flb_output.c:817 / :1003 ("no_limits"; the default is 1: :662 / :819)
//   storage.backlog.flush_on_shutdown  only v5.1.1: flb_config.h:452, flb_config.c:188, used in
//                       src/flb_engine.c:1492; v3.2.10 has no such key and its
//                       flb_config_set_property (src/flb_config.c:611-699) skips a service key it
//                       does not know, so one config runs on both (the pod harness runs both).

namespace raylog {

namespace {
// At most this many chunks are held in memory; the rest stay on disk until needed. Fluent Bit's
// default is 128 (flb_storage.h:34 / :36) of up to 2 MB each (FLB_INPUT_CHUNK_FS_MAX_SIZE,
// flb_input_chunk.h:40 / :43), 256 MB: twice the agent's default memory limit (128Mi). 16 chunks
// are at most 32 MB.
const char* const kMaxChunksUp = "16";
// How much of a restarted agent's backlog is loaded into memory at once; the default "100M"
// (flb_storage.h:33 / :35) would not fit the same limit either.
const char* const kBacklogMemLimit = "16M";
}  // namespace

void addFluentBitStorage(const Spec& spec, const std::string& stateDir, FluentBitConfig& config) {
  if (!buffersOnDisk(spec)) return;
  for (FluentBitSection& s : config.sections) {
    if (s.name == "SERVICE") {
      s.set("storage.path", stateDir + "/" + kFluentBitStorageDir + "/")
          // normal: written to the mapped files, not fsync'ed at each write (flb_storage.c:623 /
          // :681). What a killed agent wrote is in the page cache and survives it; full would
          // also survive a node crash, at the cost of a sync per chunk write.
          .set("storage.sync", "normal")
          .set("storage.max_chunks_up", kMaxChunksUp)
          .set("storage.backlog.mem_limit", kBacklogMemLimit)
          // At SIGTERM, also send the chunks a restart left on disk, within Grace (5.1.1;
          // ignored by 3.2.10, whose backlog waits for the next start).
          .set("storage.backlog.flush_on_shutdown", "On");
    } else if (s.name == "INPUT") {
      // Without this the chunks stay in memory even with storage.path set; with it and no
      // storage.path Fluent Bit refuses to start (flb_storage.c:508 / :566; lint RL214).
      s.set("storage.type", "filesystem");
    } else if (s.name == "FILTER" && s.get("Name") == "rewrite_tag") {
      // Its copies enter through an emitter input of their own, in memory by default
      // (plugins/filter_rewrite_tag/rewrite_tag.c:601 emitter_storage.type, same key in v5.1.1).
      s.set("Emitter_Storage.type", "filesystem");
    } else if (s.name == "OUTPUT") {
      s.set("storage.total_limit_size", spec.agent.bufferLimit);
      // The default, one retry, drops a chunk after two failed sends: a backend down for a
      // minute would lose what the disk kept. The size cap bounds what waits; past it Fluent
      // Bit drops the output's oldest chunks.
      s.set("Retry_Limit", "no_limits");
    }
  }
}

}  // namespace raylog
