#pragma once
// Segments: every combination of an origin group and a household profile.
//
// Segment s = origin * profile_count + profile. Groups, profiles and their shares are scenario
// data; nothing here knows Belgian names.
#include <string>
#include <vector>

namespace chainsim {

struct SegmentSet {
  std::vector<std::string> origins;
  std::vector<std::string> profiles;

  int origin_count() const { return static_cast<int>(origins.size()); }
  int profile_count() const { return static_cast<int>(profiles.size()); }
  int size() const { return origin_count() * profile_count(); }
  int index(int origin, int profile) const { return origin * profile_count() + profile; }
  int origin_of(int segment) const { return segment / profile_count(); }
  int profile_of(int segment) const { return segment % profile_count(); }
  // "origin/profile", the label used in outputs and in `by_segment` tables.
  std::string label(int segment) const {
    return origins[origin_of(segment)] + "/" + profiles[profile_of(segment)];
  }
  std::vector<std::string> labels() const {
    std::vector<std::string> out;
    for (int s = 0; s < size(); ++s) out.push_back(label(s));
    return out;
  }
};

// One value per segment, in segment order. The loader expands values given once, per origin,
// per profile or per segment into this form.
using SegmentValues = std::vector<double>;

}  // namespace chainsim
