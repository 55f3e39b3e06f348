#pragma once
// Runs work(i) for every i in [0, count) on up to `threads` threads, each taking the next index
// in order, so early items finish first. Work writes its result to slot i of its own vector;
// callers then read the slots in order and get the same output whatever the threads did.
// The first exception (lowest i) is rethrown once every thread has stopped.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace raylog {

// The cores this process may run on (as nproc counts them), at least 1.
unsigned usableCores();

template <typename Work>
void parallelFor(size_t count, unsigned threads, Work&& work) {
  std::atomic<size_t> next{0};
  std::mutex failedMutex;
  size_t failedAt = count;
  std::exception_ptr failure;
  auto worker = [&] {
    for (size_t i = next++; i < count; i = next++) {
      try {
        work(i);
      } catch (...) {
        std::lock_guard<std::mutex> lock(failedMutex);
        if (i < failedAt) failedAt = i, failure = std::current_exception();
        next = count;  // the others stop after their current item
      }
    }
  };
  const size_t extra = std::min<size_t>(threads, count) > 1 ? std::min<size_t>(threads, count) - 1 : 0;
  std::vector<std::thread> pool;
  for (size_t t = 0; t < extra; ++t) pool.emplace_back(worker);
  worker();
  for (std::thread& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace raylog
