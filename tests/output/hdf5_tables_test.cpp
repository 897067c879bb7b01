// The small table files (backtests): written atomically, read back with the HDF5 C API.
#include "chainsim/output/hdf5_tables.hpp"

#include <gtest/gtest.h>
#include <hdf5.h>

#include <cmath>
#include <fstream>
#include <string>
#include <vector>

#include "test_dir.hpp"

namespace chainsim::output {
namespace {

using HdfTables = testing::ScratchDir;

std::string string_attribute(hid_t obj, const char* name) {
  const hid_t a = H5Aopen(obj, name, H5P_DEFAULT);
  const hid_t t = H5Aget_type(a);
  char* value = nullptr;
  H5Aread(a, t, &value);
  std::string out = value ? value : "";
  H5free_memory(value);
  H5Tclose(t);
  H5Aclose(a);
  return out;
}

TableFile sample() {
  TableFile f;
  f.root_attributes = {{"format", "chainsim-backtest"}};
  f.groups = {{"origins/2024-06", {{"fit_to", "2024-06"}}}};
  TableDataset numbers;
  numbers.path = "origins/2024-06/targets/pending/projected";
  numbers.numbers = {1.5, NAN, 3.0};
  numbers.attributes = {{"unit", "persons"}};
  TableDataset texts;
  texts.path = "scores/target";
  texts.strings = {"pending", "decisions"};
  texts.is_text = true;
  f.datasets = {numbers, texts};
  return f;
}

TEST_F(HdfTables, WritesGroupsDatasetsAndAttributes) {
  const auto path = dir() / "bt.h5";
  write_hdf5_tables(path, sample());
  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  ASSERT_GE(file, 0);
  EXPECT_EQ(string_attribute(file, "format"), "chainsim-backtest");
  const hid_t group = H5Gopen2(file, "origins/2024-06", H5P_DEFAULT);
  EXPECT_EQ(string_attribute(group, "fit_to"), "2024-06");
  H5Gclose(group);
  const hid_t ds = H5Dopen2(file, "origins/2024-06/targets/pending/projected", H5P_DEFAULT);
  std::vector<double> v(3);
  H5Dread(ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data());
  EXPECT_EQ(v[0], 1.5);
  EXPECT_TRUE(std::isnan(v[1]));
  EXPECT_EQ(string_attribute(ds, "unit"), "persons");
  H5Dclose(ds);
  EXPECT_GT(H5Lexists(file, "scores/target", H5P_DEFAULT), 0);
  H5Fclose(file);
  EXPECT_EQ(entries(), std::vector<std::string>{"bt.h5"});  // no temporary left
}

TEST_F(HdfTables, FailedWriteKeepsTheExistingFile) {
  const auto path = dir() / "bt.h5";
  std::ofstream(path) << "earlier result";
  TableFile bad = sample();
  bad.datasets.push_back(bad.datasets.front());  // the same dataset twice: HDF5 refuses
  EXPECT_THROW(write_hdf5_tables(path, bad), OutputError);
  std::ifstream in(path);
  std::string text;
  std::getline(in, text);
  EXPECT_EQ(text, "earlier result");
  EXPECT_EQ(entries(), std::vector<std::string>{"bt.h5"});
}

}  // namespace
}  // namespace chainsim::output
