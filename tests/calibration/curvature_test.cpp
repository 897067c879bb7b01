// The finite-difference Hessian and the standard errors from it, on quadratics whose curvature
// is known exactly.
#include "chainsim/calibration/curvature.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "chainsim/calibration/evaluator.hpp"

namespace chainsim::calibration {
namespace {

TEST(Curvature, HessianOfAQuadraticIsExact) {
  // f = 3 (x0 - 0.2)^2 + 5 (x1 - 0.7)^2 + 1.5 x0 x1: H = [[6, 1.5], [1.5, 10]]
  const ScaledObjective f = [](std::span<const double> x) {
    return 3 * std::pow(x[0] - 0.2, 2) + 5 * std::pow(x[1] - 0.7, 2) + 1.5 * x[0] * x[1];
  };
  int evaluations = 0;
  const std::vector<double> x{0.4, 0.5};
  const Eigen::MatrixXd H = finite_difference_hessian(f, x, 1e-3, 2, &evaluations);
  EXPECT_EQ(evaluations, 1 + 2 * 2 * 2);  // 1 + 2 n^2
  EXPECT_NEAR(H(0, 0), 6.0, 1e-6);
  EXPECT_NEAR(H(1, 1), 10.0, 1e-6);
  EXPECT_NEAR(H(0, 1), 1.5, 1e-6);
  EXPECT_NEAR(H(1, 0), 1.5, 1e-6);
}

TEST(Curvature, StandardErrorsForLikelihoodsAndLeastSquares) {
  Eigen::MatrixXd H(2, 2);
  H << 2, 0, 0, 8;
  // A likelihood: covariance H^-1.
  const Curvature l = curvature(H, ObjectiveKind::gaussian, 10.0, 5, 2);
  EXPECT_NEAR(l.scaled_se[0], std::sqrt(0.5), 1e-12);
  EXPECT_NEAR(l.scaled_se[1], std::sqrt(0.125), 1e-12);
  // Least squares: 2 s^2 H^-1 with s^2 = 6 / (5 - 2) = 2.
  const Curvature w = curvature(H, ObjectiveKind::wls, 6.0, 5, 2);
  EXPECT_NEAR(w.scaled_se[0], std::sqrt(2.0), 1e-12);
  EXPECT_NEAR(w.scaled_se[1], std::sqrt(0.5), 1e-12);
  EXPECT_TRUE(w.identified[0] && w.identified[1]);
}

TEST(Curvature, FlatDirectionsAreNotIdentified) {
  // x1 does not matter at all; x0 and x2 only through their sum.
  Eigen::MatrixXd H(3, 3);
  H << 4, 0, 4, 0, 0, 0, 4, 0, 4;
  const Curvature c = curvature(H, ObjectiveKind::gaussian, 1.0, 10, 3);
  EXPECT_FALSE(c.identified[0]);
  EXPECT_FALSE(c.identified[1]);
  EXPECT_FALSE(c.identified[2]);
  EXPECT_TRUE(std::isnan(c.scaled_se[1]));
  // A negative curvature (a saddle) is not an estimate either.
  Eigen::MatrixXd S(2, 2);
  S << 2, 0, 0, -1;
  const Curvature s = curvature(S, ObjectiveKind::gaussian, 1.0, 10, 2);
  EXPECT_TRUE(s.identified[0]);
  EXPECT_FALSE(s.identified[1]);
}

TEST(Curvature, AnInvalidStencilPointGivesNoHessian) {
  const ScaledObjective f = [](std::span<const double> x) {
    return x[0] > 0.5 ? kInvalidObjective : x[0] * x[0];
  };
  const Eigen::MatrixXd H = finite_difference_hessian(f, std::vector<double>{0.5}, 1e-3, 1);
  EXPECT_FALSE(H.allFinite());
  EXPECT_FALSE(curvature(H, ObjectiveKind::wls, 1.0, 5, 1).identified[0]);
}

}  // namespace
}  // namespace chainsim::calibration
