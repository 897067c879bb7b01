#pragma once
// Checks that two runs published the same results bit for bit, and a memory resource that hands
// out garbage, to show that a run reads no memory it did not write.
#include <gtest/gtest.h>

#include <bit>
#include <cstdint>
#include <cstring>
#include <memory_resource>

#include "chainsim/model/series.hpp"

namespace chainsim::testing {

// Every value of every series and KPI the same, bit for bit (NaN included).
inline void expect_same_bits(const Results& a, const Results& b) {
  ASSERT_EQ(a.values.size(), b.values.size());
  for (std::size_t i = 0; i < a.values.size(); ++i) {
    ASSERT_EQ(a.values[i].size(), b.values[i].size()) << a.layout.series[i].name;
    for (std::size_t j = 0; j < a.values[i].size(); ++j)
      ASSERT_EQ(std::bit_cast<std::uint64_t>(a.values[i][j]),
                std::bit_cast<std::uint64_t>(b.values[i][j]))
          << a.layout.series[i].name << " [" << j << "]: " << a.values[i][j] << " vs "
          << b.values[i][j];
  }
  ASSERT_EQ(a.kpis.size(), b.kpis.size());
  for (std::size_t i = 0; i < a.kpis.size(); ++i)
    EXPECT_EQ(std::bit_cast<std::uint64_t>(a.kpis[i].value),
              std::bit_cast<std::uint64_t>(b.kpis[i].value))
        << a.kpis[i].name;
}

// Hands out memory with every byte 255 (every double a NaN): a run that read an element it had
// not written would carry the NaN into its results.
class PoisonedMemory final : public std::pmr::memory_resource {
 public:
  int allocations = 0;

 private:
  void* do_allocate(std::size_t bytes, std::size_t alignment) override {
    ++allocations;
    void* p = std::pmr::new_delete_resource()->allocate(bytes, alignment);
    std::memset(p, 0xFF, bytes);
    return p;
  }
  void do_deallocate(void* p, std::size_t bytes, std::size_t alignment) override {
    std::pmr::new_delete_resource()->deallocate(p, bytes, alignment);
  }
  bool do_is_equal(const std::pmr::memory_resource& other) const noexcept override {
    return this == &other;
  }
};

}  // namespace chainsim::testing
