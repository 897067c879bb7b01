#pragma once
// The tables of a calibration: the CSV files (columns in docs/calibration.md) and the printed
// summary, every number with its unit.
#include <ostream>
#include <string>

#include "chainsim/calibration/calibrate.hpp"

namespace chainsim::calibration {

// target,model_series,unit,n,rmse,mae,bias,mape_pct,n_mape,weight,scale,dispersion
std::string fit_report_csv(const CalibrationResult& r);
// target,period_start,period_end,observed,fitted,residual,unit   (residual = fitted - observed)
std::string fit_series_csv(const CalibrationResult& r);
// parameter,path,mode,unit,value,lower,upper,at_bound,std_error,ci95_low,ci95_high,identified
std::string parameters_csv(const CalibrationResult& r);

void print_calibration_summary(std::ostream& out, const CalibrationSpec& spec,
                               const CalibrationResult& r);

// RFC 4180 field: quoted when it holds a comma, quote or line break.
std::string csv_field(const std::string& text);
// "%.10g", or "" for NaN (read as missing by pandas and R).
std::string csv_number(double v);

}  // namespace chainsim::calibration
