#pragma once
// Standard errors of fitted parameters from the curvature of the objective at the optimum:
// a central finite-difference Hessian in the scaled space, its eigen-decomposition (directions
// with no curvature are "not identified") and the covariance from its (pseudo-)inverse.
#include <Eigen/Dense>
#include <span>
#include <vector>

#include "chainsim/calibration/objective.hpp"
#include "chainsim/calibration/optimizer.hpp"

namespace chainsim::calibration {

// Central differences with step h in every coordinate; the stencil's centre is moved inside
// [h, 1 - h] when x is closer than h to a bound (the curvature is then measured next to it).
// Evaluates the 1 + 2n + 2n(n-1) points on `jobs` threads; `evaluations` receives their count.
// A matrix of NaN when a stencil point is invalid (>= kInvalidObjective): no errors then.
Eigen::MatrixXd finite_difference_hessian(const ScaledObjective& f, std::span<const double> x,
                                          double h, int jobs, int* evaluations = nullptr);

struct Curvature {
  std::vector<double>
      scaled_se;  // standard error per parameter in scaled units (NaN: not identified)
  std::vector<bool> identified;
  Eigen::MatrixXd covariance;  // scaled units; pseudo-inverse on the identified directions
};

// Covariance of the estimate: for wls (objective = weighted sum of squares, about
// sigma^2 * chi^2) 2 * s2 * H^-1 with s2 = objective / max(1, n - p) the residual variance
// (`objective_value`: the data term, without the priors' penalty); for the
// likelihood objectives H^-1. A direction whose eigenvalue is <= 1e-8 x the largest (or
// negative) is not identified: every parameter with a loading above 0.1 on it gets no error.
Curvature curvature(const Eigen::MatrixXd& hessian, ObjectiveKind objective, double objective_value,
                    int points, int parameters);

}  // namespace chainsim::calibration
