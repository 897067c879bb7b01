#include "chainsim/config/segment_values.hpp"

#include <optional>
#include <unordered_map>
#include <vector>

#include "chainsim/config/suggest.hpp"

namespace chainsim::config {

namespace {

struct Form {
  const char* key;
  const char* what;  // "origin", "profile", "segment"
};
constexpr Form kForms[] = {
    {"by_origin", "origin"}, {"by_profile", "profile"}, {"by_segment", "segment"}};

std::string list_some(const std::vector<std::string>& names) {
  constexpr std::size_t kShow = 8;
  std::vector<std::string> shown(names.begin(),
                                 names.begin() + static_cast<long>(std::min(names.size(), kShow)));
  std::string out = join_names(shown);
  if (names.size() > kShow) out += " and " + std::to_string(names.size() - kShow) + " more";
  return out;
}

// "a", "a or b", "a, b or c".
std::string alternatives(const std::vector<std::string>& parts) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += i + 1 == parts.size() ? " or " : ", ";
    out += parts[i];
  }
  return out;
}

double read_value(const Node& node, const std::string& path, const Bounds& bounds,
                  SegmentValueKind kind) {
  if (kind == SegmentValueKind::duration) return read_days(node, path, bounds, bounds.lo < 0);
  return read_number(node, path, bounds);
}

// The list form: names of origins (or profiles) that get 1; every other segment gets 0.
PartialSegmentValues expand_name_list(const Node& node, const std::string& path,
                                      const SegmentSet& segments, bool origins) {
  const std::string what = origins ? "origin" : "profile";
  const std::vector<std::string>& names = origins ? segments.origins : segments.profiles;
  std::unordered_map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < names.size(); ++i) index.emplace(names[i], i);
  std::vector<bool> listed(names.size(), false);
  for (std::size_t i = 0; i < node.children.size(); ++i) {
    const Node& item = node.children[i];
    const std::string item_path = index_path(path, i);
    const std::string name = read_text(item, item_path);
    const auto it = index.find(name);
    if (it == index.end()) {
      fail(item, item_path, "unknown " + what + " '" + name + "'", suggestion_hint(name, names));
    }
    if (listed[it->second]) fail(item, item_path, what + " '" + name + "' is listed twice");
    listed[it->second] = true;
  }
  const int count = segments.size();
  PartialSegmentValues out;
  out.values.resize(static_cast<std::size_t>(count));
  out.given.assign(static_cast<std::size_t>(count), 1);
  for (int s = 0; s < count; ++s) {
    const int i = origins ? segments.origin_of(s) : segments.profile_of(s);
    out.values[static_cast<std::size_t>(s)] = listed[static_cast<std::size_t>(i)] ? 1.0 : 0.0;
  }
  return out;
}

}  // namespace

PartialSegmentValues expand_partial_segment_values(const Node& node, const std::string& path,
                                                   const SegmentSet& segments, const Bounds& bounds,
                                                   const SegmentValueForms& forms) {
  const int count = segments.size();
  const bool durations = forms.kind == SegmentValueKind::duration;
  std::vector<std::string> tables;
  if (forms.by_origin) tables.emplace_back("by_origin");
  if (forms.by_profile) tables.emplace_back("by_profile");
  if (forms.by_segment) tables.emplace_back("by_segment");
  std::vector<std::string> allowed = tables;
  if (forms.with_default && !tables.empty()) allowed.emplace_back("default");

  if (node.is_scalar() && forms.number) {
    PartialSegmentValues out;
    out.values.assign(static_cast<std::size_t>(count), read_value(node, path, bounds, forms.kind));
    out.given.assign(static_cast<std::size_t>(count), 1);
    return out;
  }
  const bool list_ok = forms.origin_list || forms.profile_list;
  if (node.is_sequence() && list_ok) {
    return expand_name_list(node, path, segments, forms.origin_list);
  }
  if (!node.is_map() || tables.empty()) {
    std::vector<std::string> parts;
    if (forms.number) parts.emplace_back(durations ? "a duration" : "a number");
    if (!tables.empty()) parts.push_back("a map with " + join_names(tables, " or "));
    if (list_ok)
      parts.emplace_back(forms.origin_list ? "a list of origin names" : "a list of profile names");
    fail(node, path, "expected " + alternatives(parts) + ", got " + describe(node));
  }

  const MapReader map(node, path, allowed);
  const Node* table = nullptr;
  const Form* form = nullptr;
  for (const Form& f : kForms) {
    const Node* t = map.get(f.key);
    if (!t) continue;
    if (table) {
      fail_at_key(*t, map.path_of(f.key), "ambiguous: give by_origin or by_profile, or by_segment",
                  "to give a value per origin and profile, use by_segment with \"origin/profile\" "
                  "keys");
    }
    table = t;
    form = &f;
  }
  if (!table) {
    fail(node, path,
         "give one of " + join_names(tables, ", ") +
             (forms.number ? (durations ? " (or a single duration)" : " (or a single number)")
                           : ""));
  }
  std::optional<double> fallback;
  if (const Node* d = map.get("default"))
    fallback = read_value(*d, map.path_of("default"), bounds, forms.kind);

  const std::string table_path = map.path_of(form->key);
  expect_map(*table, table_path);
  const std::string what = form->what;
  const std::vector<std::string> names = what == "origin"    ? segments.origins
                                         : what == "profile" ? segments.profiles
                                                             : segments.labels();
  std::unordered_map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < names.size(); ++i) index.emplace(names[i], i);

  std::vector<std::optional<double>> given(names.size());
  for (const Node& entry : table->children) {
    const std::string entry_path = join_path(table_path, entry.key);
    const auto it = index.find(entry.key);
    if (it == index.end()) {
      if (what == "segment" && entry.key.find('/') == std::string::npos) {
        fail_at_key(
            entry, entry_path,
            "by_segment keys are written \"origin/profile\", got '" + entry.key + "'",
            "e.g. \"" + (names.empty() ? std::string("origin/profile") : names.front()) + "\"");
      }
      fail_at_key(entry, entry_path, "unknown " + what + " '" + entry.key + "' in " + table_path,
                  suggestion_hint(entry.key, names));
    }
    given[it->second] = read_value(entry, entry_path, bounds, forms.kind);
  }

  if (!forms.partial) {
    std::vector<std::string> missing;
    for (std::size_t i = 0; i < names.size(); ++i)
      if (!given[i] && !fallback) missing.push_back(names[i]);
    if (!missing.empty()) {
      fail_at_key(*table, table_path,
                  "no value for " + what + (missing.size() > 1 ? "s " : " ") + list_some(missing),
                  forms.with_default
                      ? "list them, or add `default: VALUE` next to " + std::string(form->key)
                      : "list every " + what);
    }
  }

  PartialSegmentValues out;
  out.values.assign(static_cast<std::size_t>(count), 0.0);
  out.given.assign(static_cast<std::size_t>(count), 0);
  for (int s = 0; s < count; ++s) {
    const std::size_t i = static_cast<std::size_t>(what == "origin"    ? segments.origin_of(s)
                                                   : what == "profile" ? segments.profile_of(s)
                                                                       : s);
    const std::optional<double> v = given[i] ? given[i] : fallback;
    if (!v) continue;
    out.values[static_cast<std::size_t>(s)] = *v;
    out.given[static_cast<std::size_t>(s)] = 1;
  }
  return out;
}

SegmentValues expand_segment_values(const Node& node, const std::string& path,
                                    const SegmentSet& segments, const Bounds& bounds,
                                    const SegmentValueForms& forms) {
  SegmentValueForms total = forms;
  total.partial = false;
  return expand_partial_segment_values(node, path, segments, bounds, total).values;
}

}  // namespace chainsim::config
