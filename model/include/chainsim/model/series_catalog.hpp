#pragma once
// The fixed catalogue of published series and KPIs: names users script against.
// docs/output-series.md lists the same names; a test keeps the two in step.
#include <array>
#include <string_view>

#include "chainsim/model/series.hpp"

namespace chainsim {

enum class S : int {
#define X(name, unit, kind, dim, description) name,
#include "chainsim/model/series_catalog.def"
#undef X
  count_
};

inline constexpr int kSeriesCount = static_cast<int>(S::count_);

// Specs in the order of S.
const std::array<SeriesSpec, kSeriesCount>& series_catalog();

enum class K : int {
#define K(name, unit, description) name,
#include "chainsim/model/kpi_catalog.def"
#undef K
  count_
};

inline constexpr int kKpiCount = static_cast<int>(K::count_);

struct KpiSpec {
  std::string_view name;
  std::string_view unit;
  std::string_view description;
};
const std::array<KpiSpec, kKpiCount>& kpi_catalog();

}  // namespace chainsim
