#include "chainsim/calibration/curvature.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "chainsim/calibration/evaluator.hpp"
#include "chainsim/calibration/parallel.hpp"

namespace chainsim::calibration {

namespace {
constexpr double kRelativeEigenFloor = 1e-8;
constexpr double kLoading = 0.1;
}  // namespace

Eigen::MatrixXd finite_difference_hessian(const ScaledObjective& f, std::span<const double> x,
                                          double h, int jobs, int* evaluations) {
  const int n = static_cast<int>(x.size());
  std::vector<double> centre(x.begin(), x.end());
  for (double& c : centre) c = std::clamp(c, h, 1.0 - h);
  // The stencil: the centre, x +- h e_i, and x +- h e_i +- h e_j (i < j).
  std::vector<std::vector<double>> points{centre};
  const auto shifted = [&](int i, double di, int j, double dj) {
    std::vector<double> p = centre;
    p[static_cast<std::size_t>(i)] += di;
    if (j >= 0) p[static_cast<std::size_t>(j)] += dj;
    points.push_back(std::move(p));
  };
  for (int i = 0; i < n; ++i) shifted(i, h, -1, 0), shifted(i, -h, -1, 0);
  for (int i = 0; i < n; ++i)
    for (int j = i + 1; j < n; ++j)
      shifted(i, h, j, h), shifted(i, h, j, -h), shifted(i, -h, j, h), shifted(i, -h, j, -h);
  std::vector<double> values(points.size());
  parallel_for(static_cast<int>(points.size()), jobs, [&](int k) {
    values[static_cast<std::size_t>(k)] = f(points[static_cast<std::size_t>(k)]);
  });
  if (evaluations) *evaluations = static_cast<int>(points.size());

  // A stencil point outside the valid region (the share wall of the evaluator) says nothing
  // about the curvature of the fit: no Hessian then.
  for (const double v : values)
    if (!std::isfinite(v) || v >= kInvalidObjective)
      return Eigen::MatrixXd::Constant(n, n, std::numeric_limits<double>::quiet_NaN());
  Eigen::MatrixXd H(n, n);
  const double f0 = values[0];
  std::size_t k = 1;
  for (int i = 0; i < n; ++i, k += 2) H(i, i) = (values[k] - 2.0 * f0 + values[k + 1]) / (h * h);
  for (int i = 0; i < n; ++i)
    for (int j = i + 1; j < n; ++j, k += 4) {
      H(i, j) = H(j, i) =
          (values[k] - values[k + 1] - values[k + 2] + values[k + 3]) / (4.0 * h * h);
    }
  return H;
}

Curvature curvature(const Eigen::MatrixXd& hessian, ObjectiveKind objective, double objective_value,
                    int points, int parameters) {
  const int n = static_cast<int>(hessian.rows());
  Curvature c;
  c.scaled_se.assign(static_cast<std::size_t>(n), std::numeric_limits<double>::quiet_NaN());
  c.identified.assign(static_cast<std::size_t>(n), true);
  c.covariance = Eigen::MatrixXd::Constant(n, n, std::numeric_limits<double>::quiet_NaN());
  if (n == 0 || !hessian.allFinite()) {
    c.identified.assign(static_cast<std::size_t>(n), false);
    return c;
  }
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(0.5 * (hessian + hessian.transpose()));
  const Eigen::VectorXd& lambda = eig.eigenvalues();
  const Eigen::MatrixXd& V = eig.eigenvectors();
  const double largest = lambda.cwiseAbs().maxCoeff();
  Eigen::VectorXd inverse = Eigen::VectorXd::Zero(n);
  for (int d = 0; d < n; ++d) {
    if (largest > 0.0 && lambda(d) > kRelativeEigenFloor * largest) {
      inverse(d) = 1.0 / lambda(d);
      continue;
    }
    for (int i = 0; i < n; ++i)
      if (std::abs(V(i, d)) > kLoading) c.identified[static_cast<std::size_t>(i)] = false;
  }
  Eigen::MatrixXd cov = V * inverse.asDiagonal() * V.transpose();
  if (objective == ObjectiveKind::wls) {
    const double s2 = objective_value / std::max(1, points - parameters);
    cov *= 2.0 * s2;
  }
  c.covariance = cov;
  for (int i = 0; i < n; ++i)
    if (c.identified[static_cast<std::size_t>(i)])
      c.scaled_se[static_cast<std::size_t>(i)] = std::sqrt(std::max(0.0, cov(i, i)));
  return c;
}

}  // namespace chainsim::calibration
