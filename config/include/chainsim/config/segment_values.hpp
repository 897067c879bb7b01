#pragma once
// Per-segment parameters: given once, per origin, per profile or per segment, expanded into one
// value per segment (segment s = origin * profile_count + profile).
//
//   positive_share: 0.45                                   # same for every segment
//   positive_share: {by_origin: {syria: 0.9}, default: 0.3}
//   positive_share: {by_profile: {family: 0.5, single_man: 0.4}}
//   positive_share: {by_segment: {"syria/family": 0.95}, default: 0.4}
#include <string>

#include "chainsim/config/fields.hpp"
#include "chainsim/config/node.hpp"
#include "chainsim/model/segments.hpp"

namespace chainsim::config {

struct SegmentValueForms {
  bool number = true;  // a single number for all segments
  bool by_origin = true;
  bool by_profile = true;
  bool by_segment = true;
  bool with_default = true;  // `default:` for entries not listed
};

// Expands `node` (at key path `path`) into one value per segment of `segments`, checking every
// given value against `bounds`. Throws InputError for a wrong form, an unknown or missing name,
// or a value out of bounds.
SegmentValues expand_segment_values(const Node& node, const std::string& path,
                                    const SegmentSet& segments, const Bounds& bounds,
                                    const SegmentValueForms& forms = {});

}  // namespace chainsim::config
