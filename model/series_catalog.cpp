#include "chainsim/model/series_catalog.hpp"

namespace chainsim {

const std::array<SeriesSpec, kSeriesCount>& series_catalog() {
  static const std::array<SeriesSpec, kSeriesCount> table = {{
#define X(name, unit, kind, dim, description) {#name, unit, SeriesKind::kind, SeriesDim::dim, description},
#include "chainsim/model/series_catalog.def"
#undef X
  }};
  return table;
}

const std::array<KpiSpec, kKpiCount>& kpi_catalog() {
  static const std::array<KpiSpec, kKpiCount> table = {{
#define K(name, unit, description) {#name, unit, description},
#include "chainsim/model/kpi_catalog.def"
#undef K
  }};
  return table;
}

}  // namespace chainsim
