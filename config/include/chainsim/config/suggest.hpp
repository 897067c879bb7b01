#pragma once
// "Did you mean …?" suggestions for misspelt keys and names.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace chainsim::config {

// Optimal-string-alignment distance (insertions, deletions, substitutions and transpositions of
// neighbours), case-insensitive.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The closest candidate within edit distance 2, or one that starts with `word` (or that `word`
// starts with); "" when none is close.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

// "did you mean 'capacity'?" when a candidate is close, otherwise "expected one of: a, b, c"
// (or "" when there are no candidates).
std::string suggestion_hint(std::string_view word, const std::vector<std::string>& candidates);

// "a, b, c".
std::string join_names(const std::vector<std::string>& names, std::string_view separator = ", ");

}  // namespace chainsim::config
