// Writes the sample results to the path given as argument, for check_h5py.py.
#include <exception>
#include <iostream>

#include "chainsim/output/hdf5_results.hpp"
#include "sample_results.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: output_fixture_writer FILE.h5\n";
    return 2;
  }
  try {
    chainsim::output::write_hdf5(argv[1], chainsim::output::testing::sample_results(),
                                 chainsim::output::testing::sample_metadata());
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
