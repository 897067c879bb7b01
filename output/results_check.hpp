#pragma once
// Consistency of a Results before it is written, and the names output/ gives to its dimensions.
#include <optional>
#include <string>
#include <string_view>

#include "chainsim/model/series.hpp"

namespace chainsim::output::detail {

// Values per period of a series of dimension `dim`: 1, the number of segments or of pools.
int expected_width(const RunLayout& layout, SeriesDim dim);
// Fills width, offset and frame_size from the series' dimensions and the label lists.
void recompute_layout(RunLayout& layout);
// Throws OutputError naming the first inconsistency: a values array of the wrong size, a width or
// offset that does not match the dimensions, an empty, duplicate or '/'-containing name, ...
void validate(const Results& results);

// The `dims` attribute of a series: "time", "time,segment" or "time,pool".
std::string dims_attribute(SeriesDim dim);
std::optional<SeriesDim> parse_dims_attribute(std::string_view text);
std::optional<SeriesKind> parse_kind(std::string_view text);
// Label of column `column` of a series: "total", or the segment or pool label.
const std::string& column_label(const RunLayout& layout, SeriesDim dim, int column);

}  // namespace chainsim::output::detail
