// yaml-cpp's event parser -> Node. Using events (not YAML::Load) gives a location for every node
// and lets us count alias expansions and nesting depth as they happen.
#include <yaml-cpp/anchor.h>
#include <yaml-cpp/emitterstyle.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <map>
#include <sstream>
#include <unordered_set>
#include <utility>
#include <vector>

#include "chainsim/config/errors.hpp"
#include "chainsim/config/yaml_io.hpp"

namespace chainsim::config {

namespace {

// An open map or list on the parse stack.
struct Frame {
  Node node;
  bool expecting_key = true;  // maps: next scalar is a key
  std::string pending_key;    // maps: key read, value not yet
  Location pending_key_loc;
  std::unordered_set<std::string> keys;  // maps: for duplicate detection
  YAML::anchor_t anchor = 0;
  YAML::Mark mark;
};

class TreeBuilder final : public YAML::EventHandler {
 public:
  TreeBuilder(std::shared_ptr<const std::string> file, const ParseLimits& limits)
      : file_(std::move(file)), limits_(limits) {}

  bool has_root() const { return has_root_; }
  Node take_root() { return std::move(root_); }

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (documents_++ > 0) {
      throw InputError(where(mark), "",
                       "the file holds more than one YAML document ('---'); a scenario is one "
                       "document",
                       "use `extends:` to combine scenarios");
    }
  }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    Node n;
    n.kind = NodeKind::null;
    n.loc = where(mark);
    // `key:` with nothing after it: yaml-cpp marks the next token; point at the key instead.
    if (!stack_.empty() && stack_.back().node.is_map() && !stack_.back().expecting_key &&
        stack_.back().pending_key_loc.line != n.loc.line) {
      n.loc = stack_.back().pending_key_loc;
    }
    reserve(1, mark);
    add(std::move(n), anchor);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const auto it = anchors_.find(anchor);
    if (it == anchors_.end()) {
      throw InputError(where(mark), "", "an alias refers to a node that contains it");
    }
    reserve(it->second.size(), mark);
    if (depth() + depth_of(it->second) > limits_.max_depth) too_deep(mark);
    Node copy = it->second;
    copy.key.clear();
    attach(std::move(copy));
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    Node n;
    n.kind = NodeKind::scalar;
    n.loc = where(mark);
    n.text = value;
    if (tag == "!") {
      n.quoted = true;
    } else if (tag != "?") {
      bad_tag(mark, tag);
    }
    reserve(1, mark);
    add(std::move(n), anchor);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(mark, tag, anchor, NodeKind::sequence);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(mark, tag, anchor, NodeKind::map);
  }
  void OnMapEnd() override { close(); }

 private:
  Location where(const YAML::Mark& mark) const {
    return make_location(file_, mark.line + 1, mark.column + 1);
  }
  int depth() const { return static_cast<int>(stack_.size()); }

  static int depth_of(const Node& n) {
    int d = 0;
    for (const Node& c : n.children) d = std::max(d, depth_of(c));
    return n.children.empty() && !(n.is_map() || n.is_sequence()) ? 0 : d + 1;
  }

  [[noreturn]] void too_many(const YAML::Mark& mark) const {
    throw InputError(where(mark), "",
                     "the document is too large: more than " + std::to_string(limits_.max_nodes) +
                         " nodes (counting what aliases expand to)",
                     "is this an alias bomb? scenarios are small; split large data into CSV files");
  }
  [[noreturn]] void too_deep(const YAML::Mark& mark) const {
    throw InputError(where(mark), "",
                     "the document is nested too deeply (more than " +
                         std::to_string(limits_.max_depth) + " levels)");
  }
  [[noreturn]] void bad_tag(const YAML::Mark& mark, const std::string& tag) const {
    throw InputError(where(mark), "", "YAML tags such as '" + tag + "' are not supported",
                     "write the value without a tag; quote it to make it text");
  }

  void open(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor, NodeKind kind) {
    if (tag != "?" && tag != "!" && !tag.empty()) bad_tag(mark, tag);
    if (depth() >= limits_.max_depth) too_deep(mark);
    reserve(1, mark);
    Frame f;
    f.node.kind = kind;
    f.node.loc = where(mark);
    f.anchor = anchor;
    f.mark = mark;
    // A map or list used as a key is refused when it is closed and added (see add()).
    stack_.push_back(std::move(f));
  }

  void close() {
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    if (f.anchor != 0) {
      reserve(f.node.size(), f.mark);  // the kept copy counts too: bounded memory
      anchors_[f.anchor] = f.node;
    }
    attach(std::move(f.node));
  }

  // Counts `n` more nodes against the budget.
  void reserve(std::size_t n, const YAML::Mark& mark) {
    if (n > limits_.max_nodes || nodes_ + n > limits_.max_nodes) too_many(mark);
    nodes_ += n;
  }

  void add(Node n, YAML::anchor_t anchor) {
    if (anchor != 0) anchors_[anchor] = n;
    attach(std::move(n));
  }

  void attach(Node n) {
    if (stack_.empty()) {
      root_ = std::move(n);
      has_root_ = true;
      return;
    }
    Frame& top = stack_.back();
    if (top.node.is_sequence()) {
      top.node.children.push_back(std::move(n));
      return;
    }
    if (top.expecting_key) {
      if (!n.is_scalar()) {
        throw InputError(
            n.loc, "",
            n.is_null() ? "a map key is empty" : "map keys must be plain text, not " + describe(n));
      }
      if (!top.keys.insert(n.text).second) {
        throw InputError(n.loc, "", "duplicate key '" + n.text + "'",
                         "each key may appear only once in a map");
      }
      top.pending_key = std::move(n.text);
      top.pending_key_loc = n.loc;
      top.expecting_key = false;
      return;
    }
    n.key = std::move(top.pending_key);
    n.key_loc = top.pending_key_loc;
    top.pending_key.clear();
    top.expecting_key = true;
    top.node.children.push_back(std::move(n));
  }

  std::shared_ptr<const std::string> file_;
  ParseLimits limits_;
  std::vector<Frame> stack_;
  std::map<YAML::anchor_t, Node> anchors_;
  std::size_t nodes_ = 0;
  int documents_ = 0;
  Node root_;
  bool has_root_ = false;
};

// yaml-cpp's messages name the parser's state; say what usually causes them.
std::string hint_for(const std::string& msg) {
  if (msg.find("illegal map value") != std::string::npos)
    return "check the indentation, and quote values that contain ': '";
  if (msg.find("flow not found") != std::string::npos) return "a '[' or '{' is not closed";
  if (msg.find("unknown escape") != std::string::npos)
    return "inside double quotes write a backslash as \\\\, or use single quotes";
  if (msg.find("tab") != std::string::npos)
    return "YAML does not allow tabs for indentation; use spaces";
  return {};
}

}  // namespace

Node parse_yaml(std::string_view text, const std::shared_ptr<const std::string>& file,
                const ParseLimits& limits) {
  std::istringstream in{std::string(text)};
  TreeBuilder builder(file, limits);
  try {
    YAML::Parser parser(in);
    while (parser.HandleNextDocument(builder)) {
    }
  } catch (const InputError&) {
    throw;
  } catch (const YAML::Exception& e) {
    const int line = e.mark.is_null() ? 0 : e.mark.line + 1;
    const int column = e.mark.is_null() ? 0 : e.mark.column + 1;
    throw InputError(file ? *file : std::string(), line, column, "", "invalid YAML: " + e.msg,
                     hint_for(e.msg));
  } catch (const std::exception& e) {
    throw InputError(file ? *file : std::string(), 0, 0, "",
                     std::string("invalid YAML: ") + e.what());
  }
  if (!builder.has_root()) {
    Node empty;
    empty.loc = make_location(file, 0, 0);
    return empty;
  }
  return builder.take_root();
}

}  // namespace chainsim::config
