#include "chainsim/model/policy_schedule.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <stdexcept>

namespace chainsim {

bool normalise_share_groups(Scenario& s) {
  const std::array<std::array<SegmentValues*, 3>, 3> groups{{
      {&s.cgrs.outcomes.refugee, &s.cgrs.outcomes.subsidiary, &s.cgrs.outcomes.inadmissible},
      {&s.call.outcomes.annul, &s.call.outcomes.refugee, &s.call.outcomes.subsidiary},
      {&s.returns.voluntary, &s.returns.forced, &s.returns.subsequent},
  }};
  bool changed = false;
  for (const auto& group : groups) {
    for (std::size_t i = 0; i < group[0]->size(); ++i) {
      const double total = (*group[0])[i] + (*group[1])[i] + (*group[2])[i];
      if (total <= 1.0) continue;
      for (SegmentValues* v : group) (*v)[i] /= total;
      changed = true;
    }
  }
  return changed;
}

PolicySchedule::PolicySchedule(const Scenario& base, const Calendar& calendar) {
  // The parameter accessors give writable views because policies write through them; here they
  // only read the base (its sizes and values), so no copy of the whole scenario is needed.
  Scenario& readable = const_cast<Scenario&>(base);
  for (const Policy& policy : base.policies) {
    for (const ParameterChange& change : policy.changes) {
      const ParamRef ref = resolve_parameter(change.path, base);
      if (ref.info == nullptr) throw std::invalid_argument("policy '" + policy.name + "': unknown parameter " + change.path);
      const std::span<const double> values = ref.values(readable);
      if (change.value.size() != values.size() || change.applies.size() != values.size())
        throw std::invalid_argument("policy '" + policy.name + "': wrong number of values for " + change.path);
      const double to_day = policy.to ? calendar.day_of_date(*policy.to) : std::numeric_limits<double>::infinity();
      changes_.push_back({ref, &change, calendar.day_of_date(policy.from), to_day, policy.ramp.days()});
      const bool known = std::any_of(touched_.begin(), touched_.end(), [&](const Touched& t) {
        return t.ref.info == ref.info && t.ref.item == ref.item;
      });
      if (!known) touched_.push_back({ref, std::vector<double>(values.begin(), values.end())});
    }
  }
  weights_.assign(changes_.size(), kNotInForce);
}

double PolicySchedule::weight(const Resolved& r, double day) {
  if (day < r.from_day || day >= r.to_day) return kNotInForce;
  return r.ramp_days > 0.0 ? std::min(1.0, (day - r.from_day) / r.ramp_days) : 1.0;
}

bool PolicySchedule::apply(double day, Scenario& current) {
  // Most steps fall inside the same policy dates as the previous one: the values written would
  // be the same, bit for bit, so nothing is written (nor normalised again).
  bool same = settled_;
  for (std::size_t i = 0; i < changes_.size(); ++i) {
    const double w = weight(changes_[i], day);
    if (!(w == weights_[i])) same = false;
    weights_[i] = w;
  }
  if (same) return false;
  for (const Touched& t : touched_) {
    const std::span<double> v = t.ref.values(current);
    std::copy(t.base.begin(), t.base.end(), v.begin());
  }
  for (std::size_t ci = 0; ci < changes_.size(); ++ci) {
    const Resolved& r = changes_[ci];
    const double w = weights_[ci];
    if (w == kNotInForce) continue;
    const std::span<double> v = r.ref.values(current);
    const ParameterChange& c = *r.change;
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (!c.applies[i]) continue;
      switch (c.op) {
        case ChangeOp::set: v[i] += w * (c.value[i] - v[i]); break;
        case ChangeOp::add: v[i] += w * c.value[i]; break;
        case ChangeOp::scale: v[i] *= 1.0 + w * (c.value[i] - 1.0); break;
      }
    }
  }
  // Policies that overlap may together push a value out of its bounds: keep it inside, and keep
  // every group of shares that must not exceed 1 (outcomes, appeal outcomes, returns) at most 1
  // by scaling the group down, so that no persons are created.
  for (const Touched& t : touched_)
    for (double& x : t.ref.values(current)) x = std::clamp(x, t.ref.info->lo, t.ref.info->hi);
  // Values a normalisation changed are the next call's input: only a state it leaves as it is
  // comes out the same when applied again.
  settled_ = !normalise_share_groups(current);
  return true;
}

}  // namespace chainsim
