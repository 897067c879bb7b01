// Metrics, aggregation, unit conversion and objective terms against numbers worked out by hand
// (or by an independent formula, e.g. Boost's negative binomial density).
#include "chainsim/calibration/metrics.hpp"

#include <gtest/gtest.h>

#include <boost/math/distributions/negative_binomial.hpp>
#include <cmath>
#include <numbers>

#include "chainsim/calibration/aggregation.hpp"
#include "chainsim/calibration/objective.hpp"
#include "chainsim/calibration/unit_conversion.hpp"

namespace chainsim::calibration {
namespace {

using boost::gregorian::date;

TEST(Metrics, HandComputedVector) {
  // errors 10, -10, 5, -20; the zero observation is left out of the MAPE.
  const std::vector<double> obs{100, 200, 0, 400}, fit{110, 190, 5, 380};
  const FitMetrics m = fit_metrics(obs, fit);
  EXPECT_EQ(m.n, 4);
  EXPECT_DOUBLE_EQ(m.rmse, 12.5);   // sqrt((100 + 100 + 25 + 400) / 4)
  EXPECT_DOUBLE_EQ(m.mae, 11.25);   // 45 / 4
  EXPECT_DOUBLE_EQ(m.bias, -3.75);  // -15 / 4
  EXPECT_EQ(m.n_mape, 3);
  EXPECT_NEAR(m.mape, 100.0 * (0.1 + 0.05 + 0.05) / 3.0, 1e-12);
}

TEST(Metrics, EmptyIsNaN) {
  const FitMetrics m = fit_metrics({}, {});
  EXPECT_EQ(m.n, 0);
  EXPECT_TRUE(std::isnan(m.rmse));
  EXPECT_TRUE(std::isnan(m.mape));
}

TEST(Metrics, MaseAgainstANaiveForecast) {
  const std::vector<double> obs{10, 12, 14}, model{11, 12, 13}, naive{9, 9, 9};
  // model MAE 2/3, naive MAE (1 + 3 + 5) / 3 = 3
  EXPECT_NEAR(mase(obs, model, naive), (2.0 / 3.0) / 3.0, 1e-15);
  EXPECT_TRUE(std::isnan(mase(obs, model, obs)));  // a perfect naive forecast: undefined
}

PeriodGrid monthly_2025() {
  PeriodGrid g{date(2025, 1, 1), {}};
  for (int m = 1; m <= 12; ++m)
    g.ends.push_back(date(2025, static_cast<unsigned short>(m), 1).end_of_month());
  return g;
}

const std::vector<double> kOneToTwelve{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};

TEST(Aggregation, FlowsAreSummedOverQuartersAndYears) {
  const PeriodGrid g = monthly_2025();
  EXPECT_DOUBLE_EQ(
      *aggregate(kOneToTwelve, g, SeriesKind::flow, date(2025, 4, 1), date(2025, 6, 30)).value,
      15.0);
  EXPECT_DOUBLE_EQ(
      *aggregate(kOneToTwelve, g, SeriesKind::flow, date(2025, 1, 1), date(2025, 12, 31)).value,
      78.0);
  EXPECT_DOUBLE_EQ(
      *aggregate(kOneToTwelve, g, SeriesKind::flow, date(2025, 3, 1), date(2025, 3, 31)).value,
      3.0);
}

TEST(Aggregation, StocksAreTakenAtThePeriodEnd) {
  const PeriodGrid g = monthly_2025();
  EXPECT_DOUBLE_EQ(
      *aggregate(kOneToTwelve, g, SeriesKind::stock, date(2025, 4, 1), date(2025, 6, 30)).value,
      6.0);
  EXPECT_DOUBLE_EQ(
      *aggregate(kOneToTwelve, g, SeriesKind::stock, date(2025, 1, 1), date(2025, 12, 31)).value,
      12.0);
}

TEST(Aggregation, AStockPeriodThatDoesNotEndOnAModelPeriodEndIsRefused) {
  // A weekly model: 2025-01-07, -14, ... Month ends other than those days are no period end.
  PeriodGrid weekly{date(2025, 1, 1), {}};
  for (Date d = date(2025, 1, 7); d <= date(2025, 12, 31); d += boost::gregorian::days(7))
    weekly.ends.push_back(d);
  const std::vector<double> values(weekly.ends.size(), 1.0);
  const Aggregated month =
      aggregate(values, weekly, SeriesKind::stock, date(2025, 1, 1), date(2025, 1, 31));
  EXPECT_FALSE(month.value);
  EXPECT_NE(month.problem.find("not at the end of a model reporting period"), std::string::npos)
      << month.problem;
  // A dated snapshot on the same day is interpolated between the weeks around it.
  EXPECT_TRUE(
      aggregate(values, weekly, SeriesKind::stock, date(2025, 1, 31), date(2025, 1, 31)).value);
  // An observed period that ends on a week's end is taken at that period end.
  EXPECT_TRUE(
      aggregate(values, weekly, SeriesKind::stock, date(2025, 3, 1), date(2025, 3, 4)).value);
}

TEST(Aggregation, SnapshotsAreInterpolatedBetweenMonthEnds) {
  const PeriodGrid g = monthly_2025();
  // 14 February: 14 of the 28 days from 31 January (1) to 28 February (2).
  EXPECT_DOUBLE_EQ(
      *aggregate(kOneToTwelve, g, SeriesKind::stock, date(2025, 2, 14), date(2025, 2, 14)).value,
      1.5);
  // A month end is exact.
  EXPECT_DOUBLE_EQ(
      *aggregate(kOneToTwelve, g, SeriesKind::stock, date(2025, 5, 31), date(2025, 5, 31)).value,
      5.0);
  // Before the first period end there is no model value.
  EXPECT_FALSE(
      aggregate(kOneToTwelve, g, SeriesKind::stock, date(2025, 1, 10), date(2025, 1, 10)).value);
}

TEST(Aggregation, RatesAreAveraged) {
  const PeriodGrid g = monthly_2025();
  EXPECT_DOUBLE_EQ(
      *aggregate(kOneToTwelve, g, SeriesKind::rate, date(2025, 7, 1), date(2025, 9, 30)).value,
      8.0);
  EXPECT_DOUBLE_EQ(
      *aggregate(kOneToTwelve, g, SeriesKind::rate, date(2025, 3, 10), date(2025, 3, 10)).value,
      3.0);
}

TEST(Aggregation, PeriodsThatDoNotTileAreRefused) {
  const PeriodGrid g = monthly_2025();
  const Aggregated a =
      aggregate(kOneToTwelve, g, SeriesKind::flow, date(2025, 1, 15), date(2025, 2, 14));
  EXPECT_FALSE(a.value);
  EXPECT_NE(a.problem.find("whole number"), std::string::npos);
  EXPECT_FALSE(
      aggregate(kOneToTwelve, g, SeriesKind::flow, date(2024, 12, 1), date(2024, 12, 31)).value);
  // A quarterly model cannot give a month.
  PeriodGrid q{date(2025, 1, 1), {date(2025, 3, 31), date(2025, 6, 30)}};
  EXPECT_FALSE(
      aggregate(std::vector<double>{1, 2}, q, SeriesKind::flow, date(2025, 2, 1), date(2025, 2, 28))
          .value);
  EXPECT_DOUBLE_EQ(*aggregate(std::vector<double>{1, 2}, q, SeriesKind::flow, date(2025, 1, 1),
                              date(2025, 6, 30))
                        .value,
                   3.0);
}

UnitConversion conv(ConversionKind k) {
  UnitConversion c;
  c.kind = k;
  return c;
}

TEST(UnitConversion, PersonsPerCaseIsTheShareWeightedHarmonicMean) {
  Scenario s;
  s.applications.segment_share = {0.5, 0.5};
  s.cgrs.persons_per_case = {1.0, 2.0};
  // 1 / (0.5 / 1 + 0.5 / 2) = 4 / 3
  EXPECT_DOUBLE_EQ(mean_persons_per_case(s), 4.0 / 3.0);
  EXPECT_DOUBLE_EQ(conversion_factor(conv(ConversionKind::cases_to_persons), s), 4.0 / 3.0);
  EXPECT_DOUBLE_EQ(conversion_factor(conv(ConversionKind::persons_to_cases), s), 0.75);
  EXPECT_DOUBLE_EQ(conversion_factor(conv(ConversionKind::share_to_percent), s), 100.0);
  EXPECT_DOUBLE_EQ(conversion_factor({ConversionKind::factor, 0.001, "thousand persons"}, s),
                   0.001);
}

TEST(UnitConversion, UnitsAfterConversion) {
  EXPECT_EQ(*converted_unit(conv(ConversionKind::cases_to_persons), "cases"), "persons");
  EXPECT_FALSE(converted_unit(conv(ConversionKind::cases_to_persons), "persons"));
  EXPECT_EQ(*converted_unit(conv(ConversionKind::persons_to_cases), "persons"), "cases");
  EXPECT_EQ(*converted_unit(conv(ConversionKind::share_to_percent), "1"), "percent");
  EXPECT_EQ(*converted_unit({ConversionKind::factor, 1.0, "appeals"}, "cases"), "appeals");
  EXPECT_EQ(*converted_unit({ConversionKind::factor, 2.0, ""}, "cases"), "cases");
  EXPECT_NE(unit_mismatch_hint("persons", "cases").find("cases_to_persons"), std::string::npos);
}

TEST(Objective, WeightedLeastSquares) {
  // 2 * ((10 / 50)^2 + (-10 / 50)^2) = 0.16
  EXPECT_NEAR(wls_term(std::vector<double>{100, 200}, std::vector<double>{110, 190}, 2.0, 50.0),
              0.16, 1e-15);
}

TEST(Objective, GaussianWithTheVarianceProfiledOut) {
  const std::vector<double> obs{1, 2, 3}, fit{2, 2, 2};
  // RSS = 2, n = 3: the closed form (n/2)(ln(2 pi RSS/n) + 1)
  const double expected = 1.5 * (std::log(2.0 * std::numbers::pi * 2.0 / 3.0) + 1.0);
  EXPECT_NEAR(gaussian_profiled_term(obs, fit, 1.0, 1.0), expected, 1e-12);
  // ... is the minimum over sigma^2 of the plain Gaussian negative log-likelihood.
  const auto nll = [&](double var) {
    double v = 0;
    for (int i = 0; i < 3; ++i)
      v += 0.5 * std::log(2 * std::numbers::pi * var) + std::pow(fit[i] - obs[i], 2) / (2 * var);
    return v;
  };
  EXPECT_NEAR(nll(2.0 / 3.0), expected, 1e-12);
  EXPECT_GT(nll(0.6), expected);
  EXPECT_GT(nll(0.75), expected);
  EXPECT_NEAR(gaussian_profiled_term(obs, fit, 3.0, 1.0), 3.0 * expected, 1e-12);
}

TEST(Objective, NegativeBinomialMatchesBoostsDensity) {
  const std::vector<double> obs{3, 0, 7, 12}, mean{4.0, 1.5, 6.0, 10.0};
  const double r = 2.5;
  double expected = 0.0;
  for (std::size_t i = 0; i < obs.size(); ++i) {
    // Boost's negative binomial counts failures before r successes with success probability p:
    // its mean r (1 - p) / p equals mean[i] for p = r / (r + mean[i]).
    const boost::math::negative_binomial_distribution<double> d(r, r / (r + mean[i]));
    expected -= std::log(boost::math::pdf(d, obs[i]));
  }
  EXPECT_NEAR(negative_binomial_nll(obs, mean, r), expected, 1e-10);
}

TEST(Objective, ProfiledDispersionMinimisesTheLikelihood) {
  const std::vector<double> obs{80, 120, 95, 140, 60, 105}, mean{100, 100, 100, 100, 100, 100};
  const double r = profile_dispersion(obs, mean);
  const double best = negative_binomial_nll(obs, mean, r);
  EXPECT_LT(best, negative_binomial_nll(obs, mean, r * 1.05));
  EXPECT_LT(best, negative_binomial_nll(obs, mean, r / 1.05));
  // Variance about 700 around a mean of 100: r = mean^2 / (variance - mean) is of the order of 16.
  EXPECT_GT(r, 5.0);
  EXPECT_LT(r, 50.0);
}

TEST(Objective, Priors) {
  const Prior normal{PriorKind::normal, 8.0, 2.0};
  EXPECT_DOUBLE_EQ(prior_penalty(normal, 10.0, ObjectiveKind::gaussian), 0.5);
  EXPECT_DOUBLE_EQ(prior_penalty(normal, 10.0, ObjectiveKind::wls), 1.0);  // on the -2 ln L scale
  const Prior lognormal{PriorKind::lognormal, std::exp(1.0), 1.0};
  // ln v + 0.5 ((ln v - 1) / 1)^2 at v = e^2: 2 + 0.5
  EXPECT_NEAR(prior_penalty(lognormal, std::exp(2.0), ObjectiveKind::negative_binomial), 2.5,
              1e-12);
  EXPECT_DOUBLE_EQ(prior_penalty(Prior{}, 3.0, ObjectiveKind::wls), 0.0);
}

}  // namespace
}  // namespace chainsim::calibration
