#pragma once
// The results of a backtest: the HDF5 tables (layout in docs/calibration.md) and the printed
// score table.
#include <ostream>

#include "chainsim/calibration/backtest.hpp"
#include "chainsim/output/hdf5_tables.hpp"

namespace chainsim::calibration {

// `root` holds the run's metadata (chainsim version, commit, creation time, seed, ...).
output::TableFile backtest_tables(const CalibrationSpec& spec, const BacktestResult& result,
                                  output::Attributes root);

void print_backtest_summary(std::ostream& out, const CalibrationSpec& spec,
                            const BacktestResult& result);

// One `note:` line per origin that has targets without an observation in its fit window (they
// do not constrain that fit; they are still scored over the projection window).
void print_backtest_notes(std::ostream& out, const CalibrationSpec& spec,
                          const BacktestResult& result);

}  // namespace chainsim::calibration
