#include "chainsim/model/workspace.hpp"

#include <algorithm>

namespace chainsim {

namespace {
std::pmr::memory_resource* system_memory() { return std::pmr::new_delete_resource(); }
}  // namespace

Workspace::Workspace(std::size_t held_limit_bytes) : held_limit_bytes_(held_limit_bytes) {}

Workspace::~Workspace() {
  for (const Block& b : held_) system_memory()->deallocate(b.p, b.bytes, b.alignment);
}

// An exact match only: a block is given back with the size it was asked for, and the sizes of
// a run repeat in the next (a larger block handed out would be given back under the smaller size
// and its rest lost to later matches). The newest match first: its pages are the likeliest to be
// in cache.
void* Workspace::do_allocate(std::size_t bytes, std::size_t alignment) {
  for (std::size_t i = held_.size(); i-- > 0;) {
    const Block b = held_[i];
    if (b.bytes != bytes || b.alignment != alignment) continue;
    held_.erase(held_.begin() + static_cast<std::ptrdiff_t>(i));
    held_bytes_ -= bytes;
    ++reused_;
    return b.p;
  }
  void* p = system_memory()->allocate(bytes, alignment);
  ++fresh_;
  return p;
}

void Workspace::do_deallocate(void* p, std::size_t bytes, std::size_t alignment) {
  if (bytes > held_limit_bytes_) {
    system_memory()->deallocate(p, bytes, alignment);
    return;
  }
  // Room is made by giving back the oldest blocks held first.
  std::size_t drop = 0;
  std::size_t freed = 0;
  while (held_bytes_ - freed + bytes > held_limit_bytes_) freed += held_[drop++].bytes;
  for (std::size_t i = 0; i < drop; ++i)
    system_memory()->deallocate(held_[i].p, held_[i].bytes, held_[i].alignment);
  held_.erase(held_.begin(), held_.begin() + static_cast<std::ptrdiff_t>(drop));
  held_bytes_ -= freed;
  try {
    held_.push_back({p, bytes, alignment});
  } catch (...) {  // no room to note it: given back instead (a deallocation must not throw)
    system_memory()->deallocate(p, bytes, alignment);
    return;
  }
  held_bytes_ += bytes;
}

}  // namespace chainsim
