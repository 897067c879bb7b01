// Node -> YAML text (the "resolved scenario" stored with every result).
#include <yaml-cpp/emitter.h>
#include <yaml-cpp/emittermanip.h>

#include <string>

#include "chainsim/config/yaml_io.hpp"

namespace chainsim::config {

namespace {

void emit(YAML::Emitter& out, const Node& node) {
  switch (node.kind) {
    case NodeKind::null:
      out << YAML::Null;
      break;
    case NodeKind::scalar:
      if (node.quoted) out << YAML::DoubleQuoted;
      out << node.text;
      break;
    case NodeKind::sequence:
      out << YAML::BeginSeq;
      for (const Node& item : node.children) emit(out, item);
      out << YAML::EndSeq;
      break;
    case NodeKind::map:
      out << YAML::BeginMap;
      for (const Node& value : node.children) {
        out << YAML::Key << value.key << YAML::Value;
        emit(out, value);
      }
      out << YAML::EndMap;
      break;
  }
}

}  // namespace

std::string emit_yaml(const Node& node) {
  YAML::Emitter out;
  out.SetIndent(2);
  emit(out, node);
  std::string text = out.c_str();
  if (!text.empty() && text.back() != '\n') text += '\n';
  return text;
}

}  // namespace chainsim::config
