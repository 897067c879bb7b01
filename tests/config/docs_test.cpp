// docs/scenario-reference.md must list every policy path of the parameter catalogue with its
// unit and shape, and the example scenarios it points to must load.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "chainsim/config/load.hpp"
#include "chainsim/model/parameters.hpp"

namespace chainsim::config {
namespace {

std::string read_doc() {
  std::ifstream in(std::string(CHAINSIM_SOURCE_DIR) + "/docs/scenario-reference.md");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(Docs, EveryPolicyPathIsDocumentedWithItsUnit) {
  const std::string doc = read_doc();
  ASSERT_FALSE(doc.empty());
  std::vector<ParamInfo> documented(parameter_catalog().begin(), parameter_catalog().end());
  documented.insert(documented.end(), initial_state_catalog().begin(), initial_state_catalog().end());
  for (const ParamInfo& p : documented) {
    std::string path(p.path);
    if (const auto star = path.find('*'); star != std::string::npos) path.replace(star, 1, "NAME");
    const std::string row = "| `" + path + "` | " + std::string(p.unit) + " | " +
                            (p.shape == ParamShape::scalar ? "scalar" : "segment") + " |";
    EXPECT_NE(doc.find(row), std::string::npos) << "missing or different in docs: " << row;
  }
}

// Every complete scenario shown in the reference (a ```yaml block starting with `schema: 1`
// that does not extend another file) loads.
TEST(Docs, CompleteScenariosInTheReferenceLoad) {
  const std::string doc = read_doc();
  const std::string open = "```yaml\nschema: 1\n";
  int count = 0;
  for (std::size_t at = doc.find(open); at != std::string::npos; at = doc.find(open, at + 1)) {
    const std::size_t begin = at + 8;
    const std::string text = doc.substr(begin, doc.find("```", begin) - begin);
    if (text.find("extends:") != std::string::npos) continue;
    ++count;
    try {
      load_scenario_text(text, "scenario-reference.md", CHAINSIM_SOURCE_DIR);
    } catch (const InputError& e) {
      ADD_FAILURE() << e.what() << "\n" << text;
    }
  }
  EXPECT_GE(count, 1);
}

TEST(Docs, EveryExampleScenarioLoads) {
  const std::filesystem::path dir =
      std::filesystem::path(CHAINSIM_SOURCE_DIR) / "scenarios/examples";
  int count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".yaml") continue;
    SCOPED_TRACE(entry.path().string());
    ++count;
    try {
      load_scenario(entry.path().string());
    } catch (const InputError& e) {
      ADD_FAILURE() << e.what();
    }
  }
  EXPECT_GE(count, 3);
}

TEST(Docs, TheWorkedReformExample) {
  const Scenario s = load_scenario(std::string(CHAINSIM_SOURCE_DIR) +
                                   "/scenarios/examples/reform-suspension-hiring.yaml")
                         .scenario;
  // origins high, low x profiles family, single_man.
  ASSERT_EQ(s.policies.size(), 2u);
  EXPECT_EQ(s.policies[0].name, "high-suspension");
  EXPECT_EQ(s.policies[0].changes[0].value, (std::vector<double>{1, 1, 0, 0}));
  EXPECT_EQ(s.policies[1].changes[0].path, "cgrs.target_officers");
  EXPECT_EQ(s.policies[1].changes[0].value, (std::vector<double>{59}));
  EXPECT_EQ(s.cgrs.target_officers, 100);  // the baseline's, before the policy
  ASSERT_EQ(s.reception.pools.size(), 2u);
  EXPECT_EQ(s.reception.pools[1].name, "private");
  EXPECT_EQ(s.reception.pools[1].changes.at(0).places, 500);
}

}  // namespace
}  // namespace chainsim::config
