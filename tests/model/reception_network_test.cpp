// The reception network's shortcuts against the plain algorithm they replace: pool totals
// summed again in segment order at every read, placing pool by pool on those totals, and one
// proportional removal per segment. The shortcuts (an upper bound of each pool's occupancy that
// spares the sums while there is room, the removal of every segment in one pass with loops of
// a fixed length for 2 to 4 pools, two segments at a time) must give the same numbers to the
// last bit.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "chainsim/model/calendar.hpp"
#include "chainsim/model/reception_network.hpp"
#include "chainsim/model/scenario_defaults.hpp"

namespace chainsim {

namespace {

// `origins` x 3 profiles; pool i takes profile p when (i + p) % 3 != 0, the last pool is an
// overflow pool taking every profile. Capacities are small enough for pools to fill up.
Scenario network_scenario(int pools, int origins) {
  Scenario s;
  s.time = {Date(2025, 1, 1), Date(2025, 12, 31), StepUnit::day, ReportUnit::month};
  for (int o = 0; o < origins; ++o) s.segments.origins.push_back(std::string(1, static_cast<char>('k' + o)));
  s.segments.profiles = {"a", "b", "c"};
  for (int i = 0; i < pools; ++i) {
    const bool overflow = i == pools - 1 && pools > 1;
    std::vector<char> takes;
    for (int p = 0; p < 3; ++p) takes.push_back(overflow || (i + p) % 3 != 0 ? 1 : 0);
    s.reception.pools.push_back(make_pool(std::string(1, static_cast<char>('a' + i)), 40.0 + 15.0 * i, 60.0, takes, overflow));
  }
  s.reception.saturation = 0.94;
  return s;
}

// The plain algorithm: the same state, every total summed again when read.
struct PlainNetwork {
  int pools;
  std::vector<double> usable;
  std::vector<std::vector<int>> order;        // per profile: regular pools, then overflow
  std::vector<std::vector<int>> pool_order;   // per profile: the pools that take it, in order
  std::vector<double> occupied;               // segment-major

  PlainNetwork(const Scenario& s, const ReceptionNetwork& network) : pools(network.pool_count()) {
    for (int i = 0; i < pools; ++i) usable.push_back(network.usable(i));
    for (int p = 0; p < s.segments.profile_count(); ++p) {
      std::vector<int> o, in_order;
      for (const bool overflow : {false, true})
        for (int i = 0; i < pools; ++i)
          if (network.is_overflow(i) == overflow && network.takes(i, p)) o.push_back(i);
      for (int i = 0; i < pools; ++i)
        if (network.takes(i, p)) in_order.push_back(i);
      order.push_back(o);
      pool_order.push_back(in_order);
    }
    occupied.assign(static_cast<std::size_t>(s.segments.size() * pools), 0.0);
  }
  double& at(int segment, int pool) { return occupied[static_cast<std::size_t>(segment * pools + pool)]; }
  double total(int pool) const {
    double t = 0.0;
    for (std::size_t i = static_cast<std::size_t>(pool); i < occupied.size(); i += static_cast<std::size_t>(pools))
      t += occupied[i];
    return t;
  }
  double free(int pool) const { return std::max(0.0, usable[static_cast<std::size_t>(pool)] - total(pool)); }
  double share(int profile, double demand) const {
    double f = 0.0;
    for (int i : pool_order[static_cast<std::size_t>(profile)]) f += free(i);
    return std::min(1.0, f / demand);
  }
  double place(int segment, int profile, double amount) {
    double placed = 0.0;
    for (int i : order[static_cast<std::size_t>(profile)]) {
      if (!(placed < amount)) break;
      const double n = std::min(amount - placed, free(i));
      if (n <= 0.0) continue;
      at(segment, i) += n;
      placed += n;
    }
    return placed;
  }
  void remove(int segment, double amount) {
    if (!(amount > 0.0)) return;
    double t = 0.0;
    for (int i = 0; i < pools; ++i) t += at(segment, i);
    if (!(t > 0.0)) return;
    const double share = std::min(1.0, amount / t);
    for (int i = 0; i < pools; ++i) at(segment, i) -= at(segment, i) * share;
  }
};

// Steps of departures, then arrivals placed profile by profile, then admissions to one pool:
// the order of a simulation step. Every number read must be the plain one, bit for bit.
void run_against_plain(int pools, int origins) {
  const Scenario s = network_scenario(pools, origins);
  const Calendar calendar(s.time);
  ReceptionNetwork network(calendar, s);
  PlainNetwork plain(s, network);
  std::mt19937_64 random(17 + static_cast<unsigned>(pools));
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  const int segments = s.segments.size();
  for (int step = 0; step < 300; ++step) {
    std::vector<double> leaving(static_cast<std::size_t>(segments));
    for (double& l : leaving) l = uniform(random) < 0.2 ? 0.0 : 3.0 * uniform(random);
    network.remove_each(leaving);
    for (int seg = 0; seg < segments; ++seg) plain.remove(seg, leaving[static_cast<std::size_t>(seg)]);
    for (int p = 0; p < 3; ++p) {
      const double demand = 12.0 * uniform(random);
      if (demand > 0.0) {
        const double share = network.placeable_share(p, demand);
        ASSERT_EQ(share, plain.share(p, demand)) << "step " << step << " profile " << p;
      }
      for (int o = 0; o < origins; ++o) {
        const int seg = s.segments.index(o, p);
        const double amount = 4.0 * uniform(random);
        ASSERT_EQ(network.place(seg, p, amount, true), plain.place(seg, p, amount)) << "step " << step;
      }
    }
    const double admitted = std::min(plain.free(0), 2.0 * uniform(random));
    if (admitted > 0.0) {
      network.add(0, 1, admitted);
      plain.at(1, 0) += admitted;
    }
    for (int i = 0; i < pools; ++i) {
      ASSERT_EQ(network.occupied(i), plain.total(i)) << "step " << step << " pool " << i;
      ASSERT_EQ(network.free_places(i), plain.free(i)) << "step " << step << " pool " << i;
    }
    for (int seg = 0; seg < segments; ++seg) {
      double t = 0.0;
      for (int i = 0; i < pools; ++i) t += plain.at(seg, i);
      ASSERT_EQ(network.occupied_segment(seg), t) << "step " << step << " segment " << seg;
    }
  }
}

}  // namespace

TEST(ReceptionNetwork, ShortcutsGiveThePlainSumsToTheLastBit) {
  // 1 pool and 5 pools take the loops of any length, 2 to 4 those of a fixed length (two
  // segments at a time: an odd count of segments, 3 origins x 3 profiles, ends with one alone).
  for (int pools = 1; pools <= 5; ++pools) {
    for (int origins : {4, 3}) {
      SCOPED_TRACE(std::to_string(pools) + " pools, " + std::to_string(origins) + " origins");
      run_against_plain(pools, origins);
    }
  }
}

TEST(ReceptionNetwork, RemovingEverySegmentAtOnceIsRemovingThemOneByOne) {
  const Scenario s = network_scenario(3, 2);
  const Calendar calendar(s.time);
  ReceptionNetwork together(calendar, s);
  ReceptionNetwork one_by_one(calendar, s);
  for (int seg = 0; seg < s.segments.size(); ++seg) {
    const int profile = s.segments.profile_of(seg);
    together.place(seg, profile, 7.0 + seg, true);
    one_by_one.place(seg, profile, 7.0 + seg, true);
  }
  const std::vector<double> leaving{1.5, 0.0, 30.0, 2.25, -1.0, 0.5};  // 30: more than there is
  together.remove_each(leaving);
  for (int seg = 0; seg < s.segments.size(); ++seg) one_by_one.remove(seg, leaving[static_cast<std::size_t>(seg)]);
  for (int i = 0; i < together.pool_count(); ++i) EXPECT_EQ(together.occupied(i), one_by_one.occupied(i));
  EXPECT_EQ(together.occupied_segment(2), 0.0);
}

TEST(ReceptionNetwork, AgeOutMovesTheProfileFromEveryPoolThatHoldsIt) {
  // 4 pools, 2 origins: profile 0 (segments 0 and 3) is taken by pools 1, 2 and the overflow
  // pool 3, not by pool 0, which holds persons of profile 1 only and is left as it was.
  const Scenario s = network_scenario(4, 2);
  const Calendar calendar(s.time);
  ReceptionNetwork network(calendar, s);
  EXPECT_EQ(network.place(0, 0, 10.0, true), 10.0);  // all in pool 1
  EXPECT_EQ(network.place(3, 0, 20.0, true), 20.0);
  EXPECT_EQ(network.place(1, 1, 6.0, true), 6.0);    // pool 0
  ASSERT_EQ(network.occupied(1), 30.0);
  const double pool0 = network.occupied(0);
  EXPECT_EQ(network.age_out(0.25, 0, 3, s.segments), 7.5);
  EXPECT_EQ(network.occupied(0), pool0);
  EXPECT_EQ(network.occupied(1), 22.5);
  EXPECT_EQ(network.occupied(2), 0.0);
  EXPECT_EQ(network.occupied(3), 7.5);
  EXPECT_EQ(network.occupied_segment(0), 10.0);  // segments keep their persons
  EXPECT_EQ(network.occupied_segment(3), 20.0);
}

TEST(ReceptionNetwork, CapacitiesFollowTheDatedChangesAndThePolicies) {
  // update_capacity works the capacities out again only when its inputs or the dated changes in
  // effect change: step by step they must be those of a network that works them out afresh.
  Scenario s = network_scenario(3, 2);
  s.reception.pools[0].changes.push_back({Date(2025, 3, 1), {10.0, DurationUnit::day}, 12.0});
  s.reception.pools[0].changes.push_back({Date(2025, 2, 1), {0.0, DurationUnit::day}, -5.0});
  s.reception.pools[1].changes.push_back({Date(2025, 3, 1), {10.0, DurationUnit::day}, 7.5});
  const Calendar calendar(s.time);
  ReceptionNetwork network(calendar, s);
  Reception r = s.reception;
  for (int k = 0; k < 120; ++k) {
    if (k == 50) r.saturation = 0.8;         // a policy on the saturation
    if (k == 70) r.pools[1].capacity = 90.0;  // and on a pool's capacity
    network.update_capacity(k, r);
    ReceptionNetwork fresh(calendar, s);
    fresh.update_capacity(k, r);
    for (int i = 0; i < network.pool_count(); ++i) {
      ASSERT_EQ(network.capacity(i), fresh.capacity(i)) << "step " << k << " pool " << i;
      ASSERT_EQ(network.usable(i), fresh.usable(i)) << "step " << k << " pool " << i;
    }
  }
  EXPECT_EQ(network.capacity(0), 40.0 + 12.0 - 5.0);
  EXPECT_EQ(network.usable(1), (90.0 + 7.5) * 0.8);
}

TEST(ReceptionNetwork, SaturationIsJudgedOnThePoolsOfTheProfilesAskedFor) {
  // saturated_for keeps the pools of the last profiles it was asked about: asking about other
  // profiles must find their pools.
  const Scenario s = network_scenario(3, 2);  // regular pools: 0 takes b and c, 1 takes a and c
  const Calendar calendar(s.time);
  ReceptionNetwork network(calendar, s);
  network.place(0, 0, network.usable(1), false);  // fills pool 1 with segment 0 (profile a)
  EXPECT_TRUE(network.saturated_for({1, 0, 0}));
  EXPECT_FALSE(network.saturated_for({0, 1, 0}));
  EXPECT_FALSE(network.saturated_for({0, 0, 1}));
  EXPECT_TRUE(network.saturated_for({1, 0, 0}));
  EXPECT_FALSE(network.saturated_for({0, 0, 0}));  // no pool: not saturated
  network.place(1, 1, network.usable(0), false);   // fills pool 0 with segment 1 (profile b)
  EXPECT_TRUE(network.saturated_for({0, 1, 1}));
}

}  // namespace chainsim
