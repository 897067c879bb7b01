#include "chainsim/model/scenario_defaults.hpp"

#include <utility>

namespace chainsim {

namespace {

// Data, not code: each per-segment field with its default.
std::vector<std::pair<SegmentValues*, double>> fields_with_defaults(Scenario& s) {
  const auto n = static_cast<std::size_t>(s.segments.size());
  return {
      {&s.applications.segment_share, n > 0 ? 1.0 / static_cast<double>(n) : 0.0},
      {&s.dublin.share, 0.0},
      {&s.cgrs.persons_per_case, 1.2},
      {&s.cgrs.outcomes.refugee, 0.0},
      {&s.cgrs.outcomes.subsidiary, 0.0},
      {&s.cgrs.outcomes.inadmissible, 0.0},
      {&s.cgrs.fast_track, 0.0},
      {&s.cgrs.fast_track_deadline_days, 21.0},
      {&s.cgrs.suspended, 0.0},
      {&s.cgrs.subsequent_inadmissible, 0.8},
      {&s.cgrs.withdrawal_rate, 0.0},
      {&s.call.appeal_share_refusal, 0.0},
      {&s.call.appeal_share_inadmissible, 0.0},
      {&s.call.outcomes.annul, 0.0},
      {&s.call.outcomes.refugee, 0.0},
      {&s.call.outcomes.subsidiary, 0.0},
      {&s.returns.voluntary, 0.0},
      {&s.returns.forced, 0.0},
      {&s.returns.subsequent, 0.0},
      {&s.reception.ask_share, 1.0},
      {&s.reception.excluded, 0.0},
      {&s.reception.waits, 0.0},
  };
}

}  // namespace

std::vector<SegmentValues*> segment_value_fields(Scenario& s) {
  std::vector<SegmentValues*> out;
  for (const auto& [field, value] : fields_with_defaults(s)) out.push_back(field);
  return out;
}

void reset_segment_values(Scenario& s) {
  for (SegmentValues* v : segment_value_fields(s)) v->clear();
  fill_defaults(s);
}

Pool make_pool(std::string name, double capacity, double cost_per_place_day, std::vector<char> takes_profile,
               bool overflow) {
  Pool p;
  p.name = std::move(name);
  p.capacity = capacity;
  p.cost_per_place_day = cost_per_place_day;
  p.takes_profile = std::move(takes_profile);
  p.overflow = overflow;
  return p;
}

void fill_defaults(Scenario& s) {
  for (const auto& [field, value] : fields_with_defaults(s))
    if (field->empty()) field->assign(static_cast<std::size_t>(s.segments.size()), value);
  for (Pool& p : s.reception.pools)
    if (p.takes_profile.empty()) p.takes_profile.assign(static_cast<std::size_t>(s.segments.profile_count()), 1);
  if (s.reception.priority.empty())
    for (int p = 0; p < s.segments.profile_count(); ++p) s.reception.priority.push_back(p);
  if (s.cgrs.target_officers == 0.0) s.cgrs.target_officers = s.cgrs.officers;
}

}  // namespace chainsim
