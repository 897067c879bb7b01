// docs/output-series.md must list every published series and KPI with its unit.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "chainsim/model/series_catalog.hpp"

namespace chainsim {

namespace {
std::string read_doc() {
  std::ifstream in(std::string(CHAINSIM_SOURCE_DIR) + "/docs/output-series.md");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
}  // namespace

TEST(Docs, EverySeriesIsDocumentedWithItsUnit) {
  const std::string doc = read_doc();
  ASSERT_FALSE(doc.empty());
  for (const SeriesSpec& s : series_catalog()) {
    const std::string row = "| `" + s.name + "` | " + s.unit + " | " + to_string(s.kind) + " |";
    EXPECT_NE(doc.find(row), std::string::npos) << "missing or different in docs: " << row;
  }
}

TEST(Docs, EveryKpiIsDocumentedWithItsUnit) {
  const std::string doc = read_doc();
  for (const KpiSpec& k : kpi_catalog()) {
    const std::string row = "| `" + std::string(k.name) + "` | " + std::string(k.unit) + " |";
    EXPECT_NE(doc.find(row), std::string::npos) << "missing or different in docs: " << row;
  }
}

}  // namespace chainsim
