#include "chainsim/model/integration_chain.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace chainsim {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

using Mat3 = std::array<double, 9>;  // row-major 3x3

Mat3 mul(const Mat3& a, const Mat3& b) {
  Mat3 c{};
  for (int i = 0; i < 3; ++i)
    for (int k = 0; k < 3; ++k) {
      const double aik = a[static_cast<std::size_t>(i * 3 + k)];
      if (aik == 0.0) continue;
      for (int j = 0; j < 3; ++j)
        c[static_cast<std::size_t>(i * 3 + j)] += aik * b[static_cast<std::size_t>(k * 3 + j)];
    }
  return c;
}

// exp(A) for a small matrix: scaling and squaring with a degree-14 Taylor polynomial. The
// matrices here are rates x days of one step (norm well below 1 in practice); the scaling keeps
// the series accurate to rounding for any norm.
Mat3 expm(const Mat3& a) {
  double norm = 0.0;
  for (int i = 0; i < 3; ++i) {
    double row = 0.0;
    for (int j = 0; j < 3; ++j) row += std::fabs(a[static_cast<std::size_t>(i * 3 + j)]);
    norm = std::max(norm, row);
  }
  int squarings = 0;
  if (norm > 0.25) squarings = static_cast<int>(std::ceil(std::log2(norm / 0.25)));
  const double scale = std::ldexp(1.0, -squarings);
  Mat3 b;
  for (std::size_t i = 0; i < 9; ++i) b[i] = a[i] * scale;
  Mat3 result{1, 0, 0, 0, 1, 0, 0, 0, 1};
  Mat3 term = result;
  // Taylor series of the scaled matrix (norm <= 1/4): stop when the terms no longer change the
  // result (after a handful of terms for the small hazards of a week or a month).
  for (int n = 1; n <= 14; ++n) {
    term = mul(term, b);
    double largest = 0.0;
    for (double& t : term) {
      t /= n;
      largest = std::max(largest, std::fabs(t));
    }
    for (std::size_t i = 0; i < 9; ++i) result[i] += term[i];
    if (largest <= 1e-18) break;
  }
  for (int s = 0; s < squarings; ++s) result = mul(result, result);
  return result;
}

// x exp(Q) for the generator Q of the labour states (I, S, E) over one step (rates x days):
//   Q = [-a, a, 0; w, -(w + f), f; 0, s, -s]  (activation a, withdrawal w, job finding f,
//   separation s), x a row vector of persons.
// The Taylor terms of the vector, x Q^n / n!, cost 7 products each where expm's matrix terms cost
// 27, and this runs for every cohort, group and track at every step. Q's rows sum to 0, so every
// term after the first sums to 0 and the persons are kept. Norms above 1/4 (long steps with
// high rates) take the matrix route with scaling and squaring.
std::array<double, 3> propagate(const std::array<double, 3>& x, double a, double f, double s, double w) {
  const double norm = 2.0 * std::max({a, w + f, s});  // largest row sum of |Q|
  if (norm > 0.25) {
    const Mat3 p = expm(Mat3{-a, a, 0.0, w, -(w + f), f, 0.0, s, -s});
    std::array<double, 3> y{};
    for (int i = 0; i < 3; ++i)
      for (int j = 0; j < 3; ++j)
        y[static_cast<std::size_t>(j)] += x[static_cast<std::size_t>(i)] * p[static_cast<std::size_t>(i * 3 + j)];
    return y;
  }
  const double tolerance = 1e-18 * std::max({std::fabs(x[0]), std::fabs(x[1]), std::fabs(x[2])});
  std::array<double, 3> y = x;
  std::array<double, 3> term = x;
  for (int n = 1; n <= 14; ++n) {
    const double inv = 1.0 / n;
    term = {(-a * term[0] + w * term[1]) * inv, (a * term[0] - (w + f) * term[1] + s * term[2]) * inv,
            (f * term[1] - s * term[2]) * inv};
    for (std::size_t i = 0; i < 3; ++i) y[i] += term[i];
    if (std::max({std::fabs(term[0]), std::fabs(term[1]), std::fabs(term[2])}) <= tolerance) break;
  }
  return y;
}

double value_or(const SegmentValues& v, int i, double fallback) {
  return i >= 0 && static_cast<std::size_t>(i) < v.size() ? v[static_cast<std::size_t>(i)]
                                                          : fallback;
}

double year_value(const YearValues& v, int year) {
  if (v.empty()) return 0.0;
  return v[static_cast<std::size_t>(std::min<int>(year, static_cast<int>(v.size()) - 1))];
}

int months_of(const Duration& d) {
  return static_cast<int>(std::lround(d.days() / kDaysPerMonth));
}

int days_in_month(int month_index) {
  return boost::gregorian::gregorian_calendar::end_of_month_day(
      static_cast<unsigned short>(month_index / 12),
      static_cast<unsigned short>(month_index % 12 + 1));
}

constexpr int kTailMonths = 12 * (kYearsSinceStatus - 1);  // 180: the 15+ bucket

}  // namespace

YearValues expand_years(const std::vector<double>& given) {
  YearValues out(kYearsSinceStatus, given.empty() ? 0.0 : given.back());
  for (std::size_t i = 0; i < given.size() && i < out.size(); ++i) out[i] = given[i];
  return out;
}

IntegrationChain::IntegrationChain(const Calendar& calendar, const Scenario& scenario)
    : calendar_(calendar), segments_(scenario.segments.size()) {
  const Date start = calendar.settings().start;
  start_month_ = static_cast<int>(start.year()) * 12 + static_cast<int>(start.month()) - 1;
  current_month_ = start_month_;
  pending_.resize(static_cast<std::size_t>(segments_ + 1));
  family_due_.assign(static_cast<std::size_t>(calendar.steps() + 2), 0.0);
  const IntegrationTemporaryProtection& tp = scenario.integration.temporary_protection;
  tp_[1] = std::min(tp.initial_employed, tp.initial_stock);
  tp_[0] = tp.initial_stock - tp_[1];
  tp_housed_ = std::min(tp.housing_capacity, tp.housing_share * tp.initial_stock);
}

int IntegrationChain::month_of_day(double day) const {
  const Date d = calendar_.date_of_day(day);
  return static_cast<int>(d.year()) * 12 + static_cast<int>(d.month()) - 1;
}

int IntegrationChain::year_of(const Cohort& c, int month) const {
  if (c.tail) return kYearsSinceStatus - 1;
  return std::clamp((month - c.month) / 12, 0, kYearsSinceStatus - 1);
}

void IntegrationChain::add_beneficiaries(int /*step*/, int segment, double persons,
                                         double mean_wait_days) {
  if (!(persons > 0.0) || segment < 0 || segment >= segments_) return;
  Pending& p = pending_[static_cast<std::size_t>(segment)];
  p.all_persons += persons;
  p.wait_sum += persons * std::max(mean_wait_days, 0.0);
  flows_.beneficiaries_granted += persons;
}

IntegrationChain::Cohort& IntegrationChain::cohort_for_month(int month) {
  if (!cohorts_.empty() && !cohorts_.back().tail && cohorts_.back().month == month)
    return cohorts_.back();
  Cohort c;
  c.month = month;
  c.groups.resize(static_cast<std::size_t>(segments_ + 1));
  cohorts_.push_back(std::move(c));
  return cohorts_.back();
}

void IntegrationChain::join(Cohort& c, int group, double working, double wait_sum,
                            const Integration& params) {
  if (!(working > 0.0)) return;
  const IntegrationBeneficiaries& b = params.beneficiaries;
  const IntegrationProgramme& prog = params.programme;
  Group& g = c.groups[static_cast<std::size_t>(group)];
  const bool family = group == segments_;
  const double seek0 = family ? 0.0 : b.initial_seeking;
  const double emp0 = family ? 0.0 : b.initial_employed;
  const std::array<double, 3> shares{1.0 - seek0 - emp0, seek0, emp0};
  double enrolled = prog.enabled ? prog.enrolment_share : 0.0;
  if (c.split) enrolled *= prog.completion_share;  // the programme already ended for the cohort
  for (int s = 0; s < 3; ++s) {
    const double n = working * shares[static_cast<std::size_t>(s)];
    g.x[1][static_cast<std::size_t>(s)] += n * enrolled;
    g.x[0][static_cast<std::size_t>(s)] += n * (1.0 - enrolled);
  }
  g.working += working;
  g.wait_sum += wait_sum;
}

double IntegrationChain::penalty(Group& g, int group, const Integration& params) const {
  const IntegrationWaitingPenalty& w = params.waiting_penalty;
  if (!w.enabled || group == segments_ || !(g.working > 0.0)) return 1.0;
  const double reference_days = w.reference.days();
  auto& cached = g.penalty;
  if (cached.working != g.working || cached.wait_sum != g.wait_sum || cached.per_year != w.per_year ||
      cached.reference_days != reference_days) {
    const double wait_years = g.wait_sum / g.working / kDaysPerYear;
    cached = {g.working, g.wait_sum, w.per_year, reference_days,
              std::exp(-w.per_year * (wait_years - reference_days / kDaysPerYear))};
  }
  return cached.value;
}

void IntegrationChain::split_programme(Cohort& c, const Integration& params) {
  const double dropout = 1.0 - params.programme.completion_share;
  for (Group& g : c.groups)
    for (std::size_t s = 0; s < 3; ++s) {
      const double moved = g.x[1][s] * dropout;
      g.x[1][s] -= moved;
      g.x[0][s] += moved;
    }
  c.split = true;
}

void IntegrationChain::merge_old_cohorts(int month, const Integration& params) {
  const int programme_end = params.programme.enabled ? months_of(params.programme.wait) +
                                                           months_of(params.programme.duration)
                                                     : 0;
  // Cohorts are ordered by month with the tail first: the old ones are a prefix after it.
  const std::size_t first = !cohorts_.empty() && cohorts_.front().tail ? 1 : 0;
  std::size_t last = first;
  while (last < cohorts_.size() && month - cohorts_[last].month >= kTailMonths &&
         (cohorts_[last].split || month - cohorts_[last].month >= programme_end))
    ++last;
  if (last == first) return;
  if (first == 0) {
    Cohort tail;
    tail.tail = true;
    tail.split = true;
    tail.groups.resize(static_cast<std::size_t>(segments_ + 1));
    cohorts_.insert(cohorts_.begin(), std::move(tail));
    ++last;
  }
  Cohort& tail = cohorts_.front();
  for (std::size_t i = 1; i < last; ++i) {
    Cohort& c = cohorts_[i];
    if (!c.split && params.programme.enabled) split_programme(c, params);
    tail.all_persons += c.all_persons;
    for (std::size_t g = 0; g < c.groups.size(); ++g) {
      Group& to = tail.groups[g];
      const Group& from = c.groups[g];
      to.working += from.working;
      to.wait_sum += from.wait_sum;
      for (std::size_t t = 0; t < 2; ++t)
        for (std::size_t s = 0; s < 3; ++s) to.x[t][s] += from.x[t][s];
    }
  }
  cohorts_.erase(cohorts_.begin() + 1, cohorts_.begin() + static_cast<std::ptrdiff_t>(last));
}

void IntegrationChain::advance(double days, int month, const Integration& params) {
  const IntegrationBeneficiaries& b = params.beneficiaries;
  const IntegrationProgramme& prog = params.programme;
  const int wait_months = months_of(prog.wait);
  const int end_months = wait_months + months_of(prog.duration);
  const double per_day = 1.0 / kDaysPerMonth;
  for (Cohort& c : cohorts_) {
    const int since = c.tail ? kTailMonths : month - c.month;
    if (prog.enabled && !c.split && since >= end_months) split_programme(c, params);
    const int year = year_of(c, month);
    const double act = year_value(b.activation, year) * per_day;
    const double find = year_value(b.job_finding, year) * per_day;
    const double sep = year_value(b.separation, year) * per_day;
    const double wd = year_value(b.withdrawal, year) * per_day;
    // Multiplier of the enrolled track: 1 before the programme, lock_in while attending,
    // effect after completion.
    double track1 = 1.0;
    if (prog.enabled) {
      if (c.split)
        track1 = prog.effect;
      else if (since >= wait_months)
        track1 = prog.lock_in;
    }
    for (std::size_t gi = 0; gi < c.groups.size(); ++gi) {
      Group& g = c.groups[gi];
      if (!(g.working > 0.0)) continue;
      const int group = static_cast<int>(gi);
      const bool family = group == segments_;
      const double pen = penalty(g, group, params);
      const double ma = family ? params.family_reunification.multiplier
                               : value_or(b.activation_multiplier, group, 1.0);
      const double mf = family ? params.family_reunification.multiplier
                               : value_or(b.job_finding_multiplier, group, 1.0);
      for (std::size_t t = 0; t < 2; ++t) {
        std::array<double, 3>& x = g.x[t];
        if (x[0] + x[1] + x[2] <= 0.0) continue;
        const double m = t == 1 ? track1 : 1.0;
        const double a = act * ma * pen * m * days;
        const double f = find * mf * pen * m * days;
        const double s = sep * days;
        const double w = wd * days;
        // (I, S, E) as a row-vector chain: x' = x Q.
        std::array<double, 3> y = propagate(x, a, f, s, w);
        for (double& v : y) v = std::max(v, 0.0);
        x = y;
      }
    }
  }
}

void IntegrationChain::advance_tp(double days, int month, const Integration& params) {
  const IntegrationTemporaryProtection& tp = params.temporary_protection;
  const int index = month - start_month_;
  double grants_per_day = 0.0;
  if (index >= 0 && static_cast<std::size_t>(index) < tp.monthly_grants.size())
    grants_per_day = tp.monthly_grants[static_cast<std::size_t>(index)] / days_in_month(month);
  const double h = tp.employment_hazard / kDaysPerMonth;
  const double s = tp.separation_rate / kDaysPerMonth;
  const double d = tp.departure_rate / kDaysPerMonth;
  // (U, E, 1) with a constant source feeding U: column-vector system y' = A y.
  const Mat3 a{-(h + d) * days,
               s * days,
               grants_per_day * days,
               h * days,
               -(s + d) * days,
               0.0,
               0.0,
               0.0,
               0.0};
  const Mat3 p = expm(a);
  const double before = tp_[0] + tp_[1];
  const double u = p[0] * tp_[0] + p[1] * tp_[1] + p[2];
  const double e = p[3] * tp_[0] + p[4] * tp_[1] + p[5];
  tp_ = {std::max(u, 0.0), std::max(e, 0.0)};
  const double grants = grants_per_day * days;
  flows_.tp_grants += grants;
  flows_.tp_departures += std::max(before + grants - (tp_[0] + tp_[1]), 0.0);
}

void IntegrationChain::step(int k, const Integration& params, double positive_decisions) {
  // 1. Family reunification: members of those granted now arrive after the delay.
  const IntegrationFamilyReunification& fr = params.family_reunification;
  if (fr.share > 0.0 && positive_decisions > 0.0) {
    const double members = fr.share * positive_decisions;
    const Calendar::DelayTarget t = calendar_.delay_target(k, fr.delay.days());
    const auto add = [&](int j, double v) {
      if (j >= 0 && static_cast<std::size_t>(j) < family_due_.size() && v > 0.0)
        family_due_[static_cast<std::size_t>(std::max(j, k))] += v;
    };
    add(t.step, members * (1.0 - t.share_next));
    add(t.step + 1, members * t.share_next);
  }

  // 2. Hazards over the step, cut at calendar-month boundaries.
  const double begin = calendar_.begin_day(k);
  const double end = calendar_.end_day(k);
  merge_old_cohorts(month_of_day(begin), params);
  for (double day = begin; day < end;) {
    const int month = month_of_day(day);
    const Date first_next = boost::gregorian::date(static_cast<unsigned short>(month / 12),
                                                   static_cast<unsigned short>(month % 12 + 1), 1) +
                            boost::gregorian::months(1);
    const double until = std::min(end, calendar_.day_of_date(first_next));
    const double days = until - day;
    advance(days, month, params);
    advance_tp(days, month, params);
    day = until;
  }
  current_month_ = month_of_day(end - 1.0);
  programme_wait_months_ =
      params.programme.enabled ? months_of(params.programme.wait) : std::numeric_limits<int>::max();

  // 3. Those granted in this step and family members arriving in it join their cohort.
  const int month = month_of_day(calendar_.mid_day(k));
  const IntegrationBeneficiaries& b = params.beneficiaries;
  for (int g = 0; g <= segments_; ++g) {
    Pending& p = pending_[static_cast<std::size_t>(g)];
    double all = p.all_persons;
    double wait_sum = p.wait_sum;
    double working_share = value_or(b.working_age_share, g, 1.0);
    if (g == segments_) {
      all = family_due_[static_cast<std::size_t>(k)];
      wait_sum = 0.0;
      working_share = fr.working_age_share;
      flows_.family_reunification_arrivals += all;
    }
    if (all > 0.0) {
      Cohort& c = cohort_for_month(month);
      c.all_persons += all;
      join(c, g, all * working_share, wait_sum * working_share, params);
    }
    p = Pending{};
  }

  const IntegrationTemporaryProtection& tp = params.temporary_protection;
  tp_housed_ = std::min(tp.housing_capacity, tp.housing_share * tp_beneficiaries());
}

double IntegrationChain::applicants_employed(const AgeHistogram& pending_ages,
                                             const Integration& params) const {
  const double access = params.applicants.access.days();
  const double h = params.applicants.employment_hazard / kDaysPerMonth;
  double total = 0.0;
  pending_ages.for_each_bin([&](double lo, double hi, double weight) {
    if (hi <= access || !(weight > 0.0)) return;
    if (hi - lo <= 0.0) {  // a point mass
      total += weight * -std::expm1(-h * (lo - access));
      return;
    }
    // Uniform over [lo, hi]: the persons above access, each employed with probability
    // 1 - e^{-h(a-A)}:  int_u^hi (1 - e^{-h(a-A)}) da = len - e^{-h(u-A)} (1 - e^{-h len}) / h.
    const double u = std::max(lo, access);
    const double len = hi - u;
    const double integral =
        h > 0.0 ? len - std::exp(-h * (u - access)) * -std::expm1(-h * len) / h : 0.0;
    total += weight * integral / (hi - lo);
  });
  return total;
}

double IntegrationChain::beneficiaries() const {
  double sum = 0.0;
  for (const Cohort& c : cohorts_) sum += c.all_persons;
  return sum;
}

double IntegrationChain::beneficiaries_in_state(State s) const {
  double sum = 0.0;
  for (const Cohort& c : cohorts_)
    for (const Group& g : c.groups)
      sum += g.x[0][static_cast<std::size_t>(s)] + g.x[1][static_cast<std::size_t>(s)];
  return sum;
}

double IntegrationChain::beneficiaries_working_age() const {
  return beneficiaries_in_state(inactive) + beneficiaries_in_state(seeking) +
         beneficiaries_in_state(employed);
}

double IntegrationChain::beneficiaries_employed() const {
  return beneficiaries_in_state(employed);
}

double IntegrationChain::beneficiaries_active() const {
  return beneficiaries_in_state(seeking) + beneficiaries_in_state(employed);
}

double IntegrationChain::beneficiaries_employment_rate() const {
  const double n = beneficiaries_working_age();
  return n > 0.0 ? beneficiaries_employed() / n : kNaN;
}

IntegrationChain::ByYear IntegrationChain::working_age_by_years_since_status() const {
  ByYear out{};
  for (const Cohort& c : cohorts_) {
    const auto y = static_cast<std::size_t>(year_of(c, current_month_));
    for (const Group& g : c.groups)
      for (std::size_t t = 0; t < 2; ++t) out[y] += g.x[t][0] + g.x[t][1] + g.x[t][2];
  }
  return out;
}

IntegrationChain::ByYear IntegrationChain::employment_rate_by_years_since_status() const {
  ByYear num{};
  for (const Cohort& c : cohorts_) {
    const auto y = static_cast<std::size_t>(year_of(c, current_month_));
    for (const Group& g : c.groups) num[y] += g.x[0][employed] + g.x[1][employed];
  }
  const ByYear den = working_age_by_years_since_status();
  for (std::size_t y = 0; y < num.size(); ++y) num[y] = den[y] > 0.0 ? num[y] / den[y] : kNaN;
  return num;
}

IntegrationChain::ByYear IntegrationChain::activity_rate_by_years_since_status() const {
  ByYear num{};
  for (const Cohort& c : cohorts_) {
    const auto y = static_cast<std::size_t>(year_of(c, current_month_));
    for (const Group& g : c.groups)
      for (std::size_t t = 0; t < 2; ++t) num[y] += g.x[t][seeking] + g.x[t][employed];
  }
  const ByYear den = working_age_by_years_since_status();
  for (std::size_t y = 0; y < num.size(); ++y) num[y] = den[y] > 0.0 ? num[y] / den[y] : kNaN;
  return num;
}

double IntegrationChain::integration_programme_enrolled() const {
  // Attending: the enrolled track of cohorts whose programme has started (months since status
  // >= the wait, as of the last step) and not yet ended (not split).
  double sum = 0.0;
  for (const Cohort& c : cohorts_) {
    if (c.split || c.tail || current_month_ - c.month < programme_wait_months_) continue;
    for (const Group& g : c.groups) sum += g.x[1][0] + g.x[1][1] + g.x[1][2];
  }
  return sum;
}

IntegrationChain::PeriodFlows IntegrationChain::take_period_flows() {
  const PeriodFlows out = flows_;
  flows_ = PeriodFlows{};
  return out;
}

}  // namespace chainsim
