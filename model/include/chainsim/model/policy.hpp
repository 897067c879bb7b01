#pragma once
// Policies: dated changes of parameters, addressed by path.
//
//   from 2025-03-01 (optionally until `to`), over a linear `ramp`:
//     set   -> the value moves from what it was to `value`
//     add   -> `value` is added (e.g. +59 officers)
//     scale -> the value is multiplied by `value` (e.g. x1.2 productivity)
// Segment parameters may change only some segments (`applies`). Policies apply in the order the
// scenario lists them, each on top of the previous ones.
#include <optional>
#include <string>
#include <vector>

#include "chainsim/model/calendar.hpp"
#include "chainsim/model/duration.hpp"

namespace chainsim {

enum class ChangeOp { set, add, scale };

struct ParameterChange {
  std::string path;          // as written, e.g. "cgrs.officers"
  ChangeOp op = ChangeOp::set;
  std::vector<double> value;  // one per element of the parameter (1 for scalars)
  std::vector<char> applies;  // per element: changed (1) or left alone (0)
};

struct Policy {
  std::string name;
  Date from{2000, 1, 1};
  std::optional<Date> to;  // exclusive; absent = for good
  Duration ramp{0.0, DurationUnit::day};
  std::vector<ParameterChange> changes;
};

}  // namespace chainsim
