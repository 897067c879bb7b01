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

}  // namespace

SegmentValues expand_segment_values(const Node& node, const std::string& path,
                                    const SegmentSet& segments, const Bounds& bounds,
                                    const SegmentValueForms& forms) {
  const int count = segments.size();
  std::vector<std::string> allowed;
  if (forms.by_origin) allowed.emplace_back("by_origin");
  if (forms.by_profile) allowed.emplace_back("by_profile");
  if (forms.by_segment) allowed.emplace_back("by_segment");
  if (forms.with_default) allowed.emplace_back("default");

  if (node.is_scalar() && forms.number) {
    return SegmentValues(static_cast<std::size_t>(count), read_number(node, path, bounds));
  }
  if (!node.is_map()) {
    const std::string forms_text = join_names(
        std::vector<std::string>(allowed.begin(), allowed.end() - (forms.with_default ? 1 : 0)),
        " or ");
    fail(node, path,
         std::string("expected ") + (forms.number ? "a number or " : "") + "a map with " +
             forms_text + ", got " + describe(node));
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
         "give one of " +
             join_names(std::vector<std::string>(allowed.begin(),
                                                 allowed.end() - (forms.with_default ? 1 : 0)),
                        ", ") +
             (forms.number ? " (or a single number)" : ""));
  }
  std::optional<double> fallback;
  if (const Node* d = map.get("default"))
    fallback = read_number(*d, map.path_of("default"), bounds);

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
    given[it->second] = read_number(entry, entry_path, bounds);
  }

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

  SegmentValues out(static_cast<std::size_t>(count));
  for (int s = 0; s < count; ++s) {
    const std::size_t i = static_cast<std::size_t>(what == "origin"    ? segments.origin_of(s)
                                                   : what == "profile" ? segments.profile_of(s)
                                                                       : s);
    out[static_cast<std::size_t>(s)] = given[i] ? *given[i] : *fallback;
  }
  return out;
}

}  // namespace chainsim::config
