// The loader's parts on their own: suggestions, numbers, the source-located tree, merging,
// --set parsing, segment-value expansion, text checks, the CSV reader.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "chainsim/config/csv.hpp"
#include "chainsim/config/errors.hpp"
#include "chainsim/config/fields.hpp"
#include "chainsim/config/merge.hpp"
#include "chainsim/config/overrides.hpp"
#include "chainsim/config/segment_values.hpp"
#include "chainsim/config/source_text.hpp"
#include "chainsim/config/suggest.hpp"
#include "chainsim/config/yaml_io.hpp"
#include "config_test_support.hpp"

namespace chainsim::config {
namespace {

using testing::catch_input_error;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

Node parse(const std::string& text, const std::string& file = "t.yaml") {
  return parse_yaml(text, share_name(file));
}

// ---- suggestions ----

TEST(Suggest, EditDistanceCountsEditsAndTranspositions) {
  EXPECT_EQ(edit_distance("capcity", "capacity"), 1u);       // one deletion
  EXPECT_EQ(edit_distance("offciers", "officers"), 1u);      // one transposition
  EXPECT_EQ(edit_distance("Saturation", "saturation"), 0u);  // case-insensitive
  EXPECT_EQ(edit_distance("abc", ""), 3u);
}

TEST(Suggest, ClosestWithinTwoEditsOrByPrefix) {
  const std::vector<std::string> keys = {"capacity", "cost_per_place_day"};
  EXPECT_EQ(suggestion_hint("capcity", keys), "did you mean 'capacity'?");
  EXPECT_EQ(suggestion_hint("cost", keys), "did you mean 'cost_per_place_day'?");  // prefix
  EXPECT_EQ(suggestion_hint("price", keys), "expected one of: capacity, cost_per_place_day");
  EXPECT_EQ(closest_match("zz", keys), "");
}

// ---- numbers ----

TEST(Numbers, YamlDecimalNumbers) {
  EXPECT_EQ(parse_number_text("3300"), 3300.0);
  EXPECT_EQ(parse_number_text("-5"), -5.0);
  EXPECT_EQ(parse_number_text("+5"), 5.0);
  EXPECT_EQ(parse_number_text(".5"), 0.5);
  EXPECT_EQ(parse_number_text("1e3"), 1000.0);
  EXPECT_EQ(parse_number_text("2.5E-1"), 0.25);
  EXPECT_FALSE(parse_number_text("35_000"));
  EXPECT_FALSE(parse_number_text("1,5"));
  EXPECT_FALSE(parse_number_text("0x10"));
  EXPECT_FALSE(parse_number_text("1e"));
  EXPECT_FALSE(parse_number_text(""));
  EXPECT_TRUE(std::isnan(*parse_number_text(".nan")));
  EXPECT_TRUE(std::isinf(*parse_number_text("-.inf")));
  EXPECT_TRUE(std::isinf(*parse_number_text("1e999")));  // refused later as not finite
}

TEST(Numbers, BoundsDescribeThemselves) {
  EXPECT_EQ(Bounds::at_least(0).describe(), ">= 0");
  EXPECT_EQ(Bounds::closed(0, 1).describe(), "between 0 and 1");
  EXPECT_EQ(Bounds::left_open(0, 1).describe(), "> 0 and <= 1");
  EXPECT_FALSE(Bounds::left_open(0, 1).contains(0.0));
  EXPECT_TRUE(Bounds::left_open(0, 1).contains(1.0));
}

// ---- the tree ----

TEST(Tree, NodesRememberWhereTheyCameFrom) {
  const Node root = parse("a: 1\nb:\n  c: [x, \"y\"]\n  d:\n");
  ASSERT_TRUE(root.is_map());
  const Node* c = root.find("b")->find("c");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->key_loc.line, 3);
  EXPECT_EQ(c->key_loc.column, 3);
  EXPECT_EQ(c->loc.column, 6);
  EXPECT_EQ(c->children[1].text, "y");
  EXPECT_TRUE(c->children[1].quoted);
  EXPECT_FALSE(c->children[0].quoted);
  const Node* d = root.find("b")->find("d");
  EXPECT_TRUE(d->is_null());
  EXPECT_EQ(d->loc.line, 4);  // an empty value points at its key's line
  EXPECT_EQ(c->loc.file_name(), "t.yaml");
}

TEST(Tree, AliasesAreExpandedAndCounted) {
  const Node root = parse("a: &x {k: 1}\nb: *x\n");
  EXPECT_EQ(root.find("b")->find("k")->text, "1");
  ParseLimits small;
  small.max_nodes = 8;
  const InputError e = catch_input_error(
      [&] { parse_yaml("a: &x [1, 2, 3]\nb: *x\nc: *x\n", share_name("t"), small); });
  EXPECT_THAT(e.message, HasSubstr("too large"));
}

TEST(Tree, LimitsOnNodesAndDepth) {
  std::string many = "[";
  for (int i = 0; i < 200'001; ++i) many += "1,";
  many += "1]";
  EXPECT_THAT(catch_input_error([&] { parse(many); }).message, HasSubstr("too large"));
  EXPECT_THAT(
      catch_input_error([&] { parse(std::string(65, '[') + std::string(65, ']')); }).message,
      HasSubstr("nested too deeply"));
  EXPECT_NO_THROW(parse(std::string(63, '[') + std::string(63, ']')));
}

TEST(Tree, TagsAndComplexKeysAreRefused) {
  EXPECT_THAT(catch_input_error([] { parse("a: !!str 5\n"); }).message, HasSubstr("tags"));
  EXPECT_THAT(catch_input_error([] { parse("? [a]\n: 1\n"); }).message,
              HasSubstr("map keys must be plain text"));
}

TEST(Tree, EmitThenParseKeepsEveryScalar) {
  const std::string text =
      "plain: [yes, no, true, 1e3, .5, +5, -0, 2025-01, café, a#b]\n"
      "quoted: [\"yes\", \"~\", \"null\", \"12\", \"a: b\", \"#x\", \"\", \"two\\nlines\", ' x ']\n"
      "empty_list: []\n"
      "empty_map: {}\n"
      "nothing: ~\n"
      "key with spaces: {nested: [{k: v}, [1, 2]]}\n";
  const Node first = parse(text);
  const std::string emitted = emit_yaml(first);
  const Node second = parse(emitted);
  EXPECT_EQ(emit_yaml(second), emitted);
  std::function<void(const Node&, const Node&)> same = [&](const Node& a, const Node& b) {
    EXPECT_EQ(a.kind, b.kind) << a.key;
    EXPECT_EQ(a.key, b.key);
    EXPECT_EQ(a.text, b.text);
    EXPECT_EQ(a.quoted, b.quoted) << a.text;
    ASSERT_EQ(a.children.size(), b.children.size());
    for (std::size_t i = 0; i < a.children.size(); ++i) same(a.children[i], b.children[i]);
  };
  same(first, second);
}

// ---- merge ----

TEST(Merge, MapsMergeListsReplaceNullRemoves) {
  Node base = parse("a: {x: 1, y: 2}\nlist: [1, 2, 3]\ngone: 5\nkeep: 6\n", "base.yaml");
  const Node overlay = parse("a: {y: 20, z: 30}\nlist: [9]\ngone: ~\nnew: 7\n", "child.yaml");
  deep_merge(base, overlay);
  EXPECT_EQ(emit_yaml(base), "a:\n  x: 1\n  y: 20\n  z: 30\nlist:\n  - 9\nkeep: 6\nnew: 7\n");
  // Inherited values point at the parent, overridden ones at the child.
  EXPECT_EQ(base.find("a")->find("x")->loc.file_name(), "base.yaml");
  EXPECT_EQ(base.find("a")->find("y")->loc.file_name(), "child.yaml");
  EXPECT_EQ(base.find("a")->find("y")->key_loc.line, 1);
  EXPECT_EQ(base.find("list")->loc.file_name(), "child.yaml");
}

TEST(Merge, ScalarReplacedByMapAndBack) {
  Node base = parse("a: 1\nb: {c: 2}\n");
  deep_merge(base, parse("a: {k: v}\nb: 3\n"));
  EXPECT_EQ(emit_yaml(base), "a:\n  k: v\nb: 3\n");
}

// ---- --set ----

TEST(Set, ParsesPathAndYamlValue) {
  const SetOverride o = parse_set_override(" reception.waiting_list = [single_man, family]");
  EXPECT_THAT(o.path, ElementsAre("reception", "waiting_list"));
  ASSERT_TRUE(o.value.is_sequence());
  EXPECT_EQ(o.value.children[1].text, "family");
  EXPECT_EQ(o.value.children[1].loc.file_name(), "--set");
  EXPECT_EQ(o.value.children[1].loc.line, 0);
  EXPECT_EQ(o.value.children[1].loc.column, 0);
  EXPECT_TRUE(parse_set_override("description=").value.is_null());
  EXPECT_EQ(parse_set_override("name=a=b").value.text, "a=b");  // only the first '=' splits
}

TEST(Set, AppliesIntoNestedMapsCreatingThem) {
  Node root = parse("cgrs: {officers: 1}\n");
  apply_set_overrides(root, {"cgrs.officers=2", "reception.pools.network.capacity=5"});
  EXPECT_EQ(emit_yaml(root),
            "cgrs:\n  officers: 2\nreception:\n  pools:\n    network:\n      capacity: 5\n");
  EXPECT_EQ(root.find("cgrs")->find("officers")->key_loc.file_name(), "--set");
}

TEST(Set, RefusesBadOverrides) {
  EXPECT_EQ(catch_input_error([] { parse_set_override("novalue"); }).file, "--set");
  EXPECT_THAT(catch_input_error([] { parse_set_override("a.=1"); }).message,
              HasSubstr("empty part"));
  EXPECT_THAT(catch_input_error([] { parse_set_override("a=[1, 2"); }).message,
              HasSubstr("invalid value"));
  EXPECT_THAT(catch_input_error([] { parse_set_override("extends=x.yaml"); }).message,
              HasSubstr("extends cannot be set"));
}

// ---- segment values ----

class SegmentValuesTest : public ::testing::Test {
 protected:
  SegmentSet set{{"a", "b"}, {"single", "family"}};
  SegmentValues expand(const std::string& yaml, const SegmentValueForms& forms = {}) {
    return expand_segment_values(parse("v: " + yaml + "\n").children[0], "v", set,
                                 Bounds::closed(0, 1), forms);
  }
  InputError error(const std::string& yaml) {
    return catch_input_error([&] { expand(yaml); });
  }
};

TEST_F(SegmentValuesTest, EveryForm) {
  EXPECT_THAT(expand("0.5"), ElementsAre(0.5, 0.5, 0.5, 0.5));
  EXPECT_THAT(expand("{by_origin: {a: 0.8, b: 0.2}}"), ElementsAre(0.8, 0.8, 0.2, 0.2));
  EXPECT_THAT(expand("{by_profile: {single: 0.1, family: 0.9}}"), ElementsAre(0.1, 0.9, 0.1, 0.9));
  EXPECT_THAT(expand("{by_segment: {b/family: 1}, default: 0}"), ElementsAre(0, 0, 0, 1));
  EXPECT_THAT(expand("{by_origin: {b: 0.3}, default: 0.7}"), ElementsAre(0.7, 0.7, 0.3, 0.3));
}

TEST_F(SegmentValuesTest, WrongForms) {
  EXPECT_THAT(error("{by_origin: {a: 1, b: 1}, by_profile: {single: 1, family: 1}}").message,
              HasSubstr("ambiguous: give by_origin or by_profile, or by_segment"));
  EXPECT_THAT(error("{by_origin: {a: 1}}").message, HasSubstr("no value for origin b"));
  EXPECT_THAT(error("{by_segment: {a/single: 1}}").message,
              HasSubstr("no value for segments a/family, b/single, b/family"));
  EXPECT_THAT(error("{by_segment: {single: 1}, default: 0}").message,
              HasSubstr("by_segment keys are written \"origin/profile\""));
  EXPECT_EQ(error("{by_profile: {singel: 1}, default: 0}").hint, "did you mean 'single'?");
  EXPECT_EQ(error("{by_orign: {a: 1}}").hint, "did you mean 'by_origin'?");
  EXPECT_THAT(error("{default: 0.5}").message, HasSubstr("give one of by_origin"));
  EXPECT_THAT(error("[0.5]").message, HasSubstr("expected a number or a map"));
  EXPECT_THAT(error("{by_origin: {a: 2, b: 0}}").message, HasSubstr("between 0 and 1, got 2"));
  SegmentValueForms only_segment;
  only_segment.number = only_segment.by_origin = only_segment.by_profile = false;
  EXPECT_THAT(catch_input_error([&] { expand("0.5", only_segment); }).message,
              HasSubstr("expected a map with by_segment"));
}

TEST_F(SegmentValuesTest, DurationsListsAndPartialValues) {
  SegmentValueForms durations;
  durations.kind = SegmentValueKind::duration;
  const auto days = [&](const std::string& yaml, const Bounds& b) {
    return expand_segment_values(parse("v: " + yaml + "\n").children[0], "v", set, b, durations);
  };
  EXPECT_THAT(days("{by_profile: {family: 2w}, default: 3d}", Bounds::closed(0, 100)),
              ElementsAre(3, 14, 3, 14));
  EXPECT_THAT(days("1y", Bounds::closed(0, 400)),
              ElementsAre(365.2425, 365.2425, 365.2425, 365.2425));
  // A negative duration only where the bounds allow it (an `add` in a policy).
  EXPECT_THAT(days("-2d", Bounds{}), ElementsAre(-2, -2, -2, -2));
  EXPECT_THAT(catch_input_error([&] { days("-2d", Bounds::closed(0, 100)); }).message,
              HasSubstr("must be >= 0, got '-2d'"));
  EXPECT_THAT(catch_input_error([&] { days("5", Bounds::closed(0, 100)); }).message,
              HasSubstr("a duration needs a unit"));

  SegmentValueForms origins;
  origins.origin_list = true;
  EXPECT_THAT(expand("[b]", origins), ElementsAre(0, 0, 1, 1));
  EXPECT_THAT(expand("[]", origins), ElementsAre(0, 0, 0, 0));
  EXPECT_THAT(catch_input_error([&] { expand("[a, c]", origins); }).message,
              HasSubstr("unknown origin 'c'"));
  SegmentValueForms profiles;
  profiles.profile_list = true;
  EXPECT_THAT(expand("[family]", profiles), ElementsAre(0, 1, 0, 1));

  SegmentValueForms partial;
  partial.partial = true;
  const PartialSegmentValues p = expand_partial_segment_values(
      parse("v: {by_origin: {b: 0.5}}\n").children[0], "v", set, Bounds::closed(0, 1), partial);
  EXPECT_THAT(p.values, ElementsAre(0, 0, 0.5, 0.5));
  EXPECT_THAT(p.given, ElementsAre(0, 0, 1, 1));
  const PartialSegmentValues total = expand_partial_segment_values(
      parse("v: 0.25\n").children[0], "v", set, Bounds::closed(0, 1), partial);
  EXPECT_THAT(total.given, ElementsAre(1, 1, 1, 1));
}

// ---- booleans and days ----

TEST(Fields, BoolsAndDays) {
  const Node n = parse("t: true\nf: False\ny: yes\nq: \"true\"\nd: 2w\nm: -1mo\n");
  EXPECT_TRUE(read_bool(*n.find("t"), "t"));
  EXPECT_FALSE(read_bool(*n.find("f"), "f"));
  EXPECT_EQ(catch_input_error([&] { read_bool(*n.find("y"), "y"); }).hint, "write true");
  EXPECT_THAT(catch_input_error([&] { read_bool(*n.find("q"), "q"); }).message,
              HasSubstr("expected true or false"));
  EXPECT_EQ(read_days(*n.find("d"), "d", Bounds::closed(0, 30)), 14);
  EXPECT_EQ(catch_input_error([&] { read_days(*n.find("d"), "d", Bounds::closed(0, 10)); }).message,
            "must be between 0 and 10 days, got '2w' (14 days)");
  EXPECT_DOUBLE_EQ(read_days(*n.find("m"), "m", Bounds{}, true), -365.2425 / 12);
}

// ---- text checks ----

TEST(SourceText, EncodingAndTabs) {
  EXPECT_NO_THROW(
      check_source_text("\xEF\xBB\xBF"
                        "a: caf\xC3\xA9\n",
                        "t"));                         // BOM + é
  EXPECT_NO_THROW(check_source_text("a:\tb\n", "t"));  // a tab that is not indentation
  EXPECT_NO_THROW(check_source_text("a: |\n  x\n  \ty\nb: 1\n", "t"));  // inside a block scalar
  EXPECT_NO_THROW(check_source_text("a: 1\n\t# a comment\n", "t"));
  const InputError overlong = catch_input_error([] { check_source_text("a: \xC0\xAF\n", "t"); });
  EXPECT_EQ(overlong.column, 4);
  EXPECT_THAT(overlong.message, HasSubstr("UTF-8"));
  EXPECT_THAT(catch_input_error([] { check_source_text("\xED\xA0\x80", "t"); }).message,
              HasSubstr("UTF-8"));  // a UTF-16 surrogate
  EXPECT_THAT(catch_input_error([] {
                check_source_text(
                    "\xFF\xFE"
                    "a",
                    "t");
              }).message,
              HasSubstr("UTF-8"));  // a UTF-16 file
  const InputError tab =
      catch_input_error([] { check_source_text("a:\n  b: 1\n  \tc: 2\n", "t"); });
  EXPECT_EQ(tab.line, 3);
  EXPECT_EQ(tab.column, 3);
}

TEST(SourceText, TooLargeTextIsRefused) {
  const std::string big(kMaxFileBytes + 1, ' ');
  EXPECT_THAT(catch_input_error([&] { check_source_text(big, "t"); }).message,
              HasSubstr("too large"));
}

// ---- CSV ----

TEST(Csv, QuotesCommasAndLineNumbers) {
  const auto rows = parse_csv(
      "date,value,note\r\n2025-01,1,\"a, b\"\r\n\r\n2025-02,2,\"two\nlines "
      "\"\"q\"\"\"\n2025-03,3,\n",
      "t.csv");
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_THAT(rows[1].fields, ElementsAre("2025-01", "1", "a, b"));
  EXPECT_EQ(rows[1].line, 2);
  EXPECT_THAT(rows[2].fields, ElementsAre("2025-02", "2", "two\nlines \"q\""));
  EXPECT_EQ(rows[2].line, 4);  // after a blank line
  EXPECT_EQ(rows[3].line, 6);  // after a field spanning two lines
  EXPECT_THAT(rows[3].fields, ElementsAre("2025-03", "3", ""));
}

TEST(Csv, BrokenQuotes) {
  EXPECT_THAT(catch_input_error([] { parse_csv("a,b\n1,\"x\n", "t.csv"); }).message,
              HasSubstr("unterminated"));
  const InputError stray = catch_input_error([] { parse_csv("a,b\n1,x\"y\n", "t.csv"); });
  EXPECT_EQ(stray.line, 2);
  EXPECT_EQ(stray.file, "t.csv");
}

}  // namespace
}  // namespace chainsim::config
