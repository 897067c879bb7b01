#pragma once
// Memory kept from one run to the next, in one thread.
//
// A daily ten-year run grows its queue rings to a few megabytes. Given back to the C library at
// the end of the run, that memory is returned to the system, and the next run faults every page
// in again: about 270 page faults, 5 % of a daily run. A caller that runs many scenarios in one
// thread (a calibration, a sweep, a benchmark) keeps a Workspace and hands it to each Simulation:
// the blocks a run gives back are held and handed out again for the next request of the same size
// (ring sizes repeat from run to run). What a run computes does not depend on it: every element
// of a ring is written before it is read, whichever memory the ring gets.
//
// Not thread-safe: one Workspace per thread. It must outlive every Simulation given it.
#include <cstddef>
#include <memory_resource>
#include <vector>

namespace chainsim {

class Workspace final : public std::pmr::memory_resource {
 public:
  // Blocks held for reuse beyond this many bytes are given back at once (a sweep over scenarios
  // of many shapes would otherwise hold every size it ever saw).
  static constexpr std::size_t kDefaultHeldLimitBytes = std::size_t{256} << 20;

  explicit Workspace(std::size_t held_limit_bytes = kDefaultHeldLimitBytes);
  Workspace(const Workspace&) = delete;
  Workspace& operator=(const Workspace&) = delete;
  ~Workspace() override;

  std::size_t held_bytes() const { return held_bytes_; }  // in blocks ready for reuse
  std::size_t held_blocks() const { return held_.size(); }
  // Requests served from held blocks, and from the system.
  std::size_t reused() const { return reused_; }
  std::size_t fresh() const { return fresh_; }

 private:
  struct Block {
    void* p;
    std::size_t bytes;
    std::size_t alignment;
  };
  void* do_allocate(std::size_t bytes, std::size_t alignment) override;
  void do_deallocate(void* p, std::size_t bytes, std::size_t alignment) override;
  bool do_is_equal(const std::pmr::memory_resource& other) const noexcept override {
    return this == &other;
  }

  std::size_t held_limit_bytes_;
  std::vector<Block> held_;  // given back, ready for reuse
  std::size_t held_bytes_ = 0;
  std::size_t reused_ = 0;
  std::size_t fresh_ = 0;
};

}  // namespace chainsim
