#pragma once
// Per-segment parameters: given once, per origin, per profile or per segment, expanded into one
// value per segment (segment s = origin * profile_count + profile).
//
//   refugee: 0.45                                          # same for every segment
//   refugee: {by_origin: {syria: 0.9}, default: 0.3}
//   refugee: {by_profile: {family: 0.5, single_man: 0.4}}
//   refugee: {by_segment: {"syria/family": 0.95}, default: 0.4}
//   fast_track_deadline: {by_origin: {safe: 21d}, default: 70d}   # durations -> days
//   suspended: [syria]                                     # list form: those origins 1, others 0
#include <string>
#include <vector>

#include "chainsim/config/fields.hpp"
#include "chainsim/config/node.hpp"
#include "chainsim/model/segments.hpp"

namespace chainsim::config {

// What each value is: a plain number, or a duration with a unit ("21d") stored in days. For
// durations the bounds are in days, and a negative duration ("-10d") is accepted only when the
// bounds allow negative values.
enum class SegmentValueKind { number, duration };

struct SegmentValueForms {
  bool number = true;  // a single value for all segments
  bool by_origin = true;
  bool by_profile = true;
  bool by_segment = true;
  bool with_default = true;   // `default:` for entries not listed
  bool origin_list = false;   // [syria, iraq]: exactly those origins 1, all others 0
  bool profile_list = false;  // [single_man]: exactly those profiles 1, all others 0
  // Entries may be left out without a `default:` (policies change only what they list); the
  // result's `given` says which segments were given.
  bool partial = false;
  SegmentValueKind kind = SegmentValueKind::number;
};

struct PartialSegmentValues {
  SegmentValues values;     // one per segment; 0 where not given
  std::vector<char> given;  // per segment: 1 = given (listed, by default, or by a total form)
};

// Expands `node` (at key path `path`) into one value per segment of `segments`, checking every
// given value against `bounds`. Throws InputError for a wrong form, an unknown, repeated or
// missing name (missing: unless `forms.partial`), or a value out of bounds.
PartialSegmentValues expand_partial_segment_values(const Node& node, const std::string& path,
                                                   const SegmentSet& segments, const Bounds& bounds,
                                                   const SegmentValueForms& forms);

// The total form: every segment must get a value (`forms.partial` is ignored).
SegmentValues expand_segment_values(const Node& node, const std::string& path,
                                    const SegmentSet& segments, const Bounds& bounds,
                                    const SegmentValueForms& forms = {});

}  // namespace chainsim::config
