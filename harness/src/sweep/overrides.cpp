#include "sweep/overrides.h"

#include "sweep/names.h"
#include "sweep/value_rules.h"

#include <fmt/format.h>

#include <cctype>
#include <optional>

namespace harness::sweep {
namespace {

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string::npos) {
    return "";
  }
  const auto last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

// The text as a TOML basic string, so a bare word keeps a source region.
std::string quote(const std::string& text) {
  std::string quoted = "\"";
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      quoted += '\\';
      quoted += c;
    } else if (byte < 0x20 || byte == 0x7f) {
      quoted += fmt::format("\\u{:04X}", byte);
    } else {
      quoted += c;
    }
  }
  return quoted + "\"";
}

// Tables made by a dotted key are descended into; an inline table is a
// value that replaces what was there.
bool descends(const toml::node& node) {
  return node.is_table() && !node.as_table()->is_inline();
}

// Whether the parsed line is one chain of dotted-key tables ending in a
// value, as "a.b.c = v" gives.
bool is_single_chain(const toml::table& table) {
  if (table.size() != 1) {
    return false;
  }
  const toml::node& child = table.begin()->second;
  return !descends(child) || is_single_chain(*child.as_table());
}

// `order` blank lines go before the line, so that the source line of
// every parsed node is order + 1 and keys added by later overrides sort
// after those added by earlier ones.
std::optional<toml::table> parse_override(const std::string& key,
                                          const std::string& value,
                                          const std::string& source,
                                          std::size_t order) {
  const std::string padding(order, '\n');
  for (const std::string& literal : {value, quote(value)}) {
    try {
      toml::table parsed =
          toml::parse(padding + key + " = " + literal, source);
      if (is_single_chain(parsed)) {
        return parsed;
      }
    } catch (const toml::parse_error&) {
      // Not valid TOML as written; the next round quotes the value.
    }
  }
  return std::nullopt;
}

class OverrideMerger {
 public:
  OverrideMerger(const std::string& text, Problems& problems)
      : text_(text), problems_(problems) {}

  void merge_table(toml::table& target, toml::table& chain,
                   const std::string& path);

 private:
  void merge_array(toml::array& target, toml::table& chain,
                   const std::string& path);

  const std::string& text_;
  Problems& problems_;
};

void OverrideMerger::merge_table(toml::table& target, toml::table& chain,
                                 const std::string& path) {
  auto entry = chain.begin();
  const toml::key& key = entry->first;
  toml::node& child = entry->second;
  const std::string name = join_key(path, key.str());
  toml::node* existing = target.get(key.str());

  if (existing != nullptr && descends(child)) {
    if (existing->is_table()) {
      merge_table(*existing->as_table(), *child.as_table(), name);
    } else if (existing->is_array()) {
      merge_array(*existing->as_array(), *child.as_table(), name);
    } else {
      problems_.add_override(
          text_, fmt::format("'{}' is {} ({}), so it has no keys to set",
                             name, type_name(*existing),
                             format_node(*existing)));
    }
    return;
  }
  target.insert_or_assign(key, std::move(child));
}

void OverrideMerger::merge_array(toml::array& target, toml::table& chain,
                                 const std::string& path) {
  auto entry = chain.begin();
  const std::string index_text(entry->first.str());
  toml::node& child = entry->second;

  std::size_t index = 0;
  bool is_index = !index_text.empty() && index_text.size() < 10;
  for (char c : index_text) {
    is_index = is_index && std::isdigit(static_cast<unsigned char>(c));
  }
  if (is_index) {
    index = std::stoul(index_text);
  }
  if (target.empty()) {
    problems_.add_override(
        text_, fmt::format("'{}' is an empty array, so it has no entry '{}' "
                           "to set; add the entry to the file first",
                           path, index_text));
    return;
  }
  if (!is_index || index >= target.size()) {
    problems_.add_override(
        text_, fmt::format("'{}' is an array with {} {}, so the key after it "
                           "must be an entry index from 0 to {}, not '{}'",
                           path, target.size(),
                           target.size() == 1 ? "entry" : "entries",
                           target.size() - 1, index_text));
    return;
  }

  const std::string name = fmt::format("{}.{}", path, index);
  toml::node& element = *target.get(index);
  if (!descends(child)) {
    target.replace(target.cbegin() + static_cast<std::ptrdiff_t>(index),
                   std::move(child));
  } else if (element.is_table()) {
    merge_table(*element.as_table(), *child.as_table(), name);
  } else {
    problems_.add_override(
        text_, fmt::format("'{}' is {} ({}), so it has no keys to set", name,
                           type_name(element), format_node(element)));
  }
}

}  // namespace

void apply_overrides(toml::table& root,
                     const std::vector<std::string>& overrides,
                     Problems& problems) {
  for (std::size_t order = 0; order < overrides.size(); ++order) {
    const std::string& text = overrides[order];
    const std::size_t equals = text.find('=');
    const std::string key =
        equals == std::string::npos ? "" : trim(text.substr(0, equals));
    if (key.empty()) {
      problems.add_override(
          text, "expected key=value, e.g. train.epochs=5 or "
                "models.0.grid.dropout=[0.1,0.2]");
      continue;
    }

    const std::string value = trim(text.substr(equals + 1));
    std::optional<toml::table> chain =
        parse_override(key, value, kOverridePrefix + text, order);
    if (!chain) {
      problems.add_override(
          text, fmt::format("invalid key '{}'; write a dotted key such as "
                            "train.epochs or models.0.grid.dropout",
                            key));
      continue;
    }
    OverrideMerger(text, problems).merge_table(root, *chain, "");
  }
}

}  // namespace harness::sweep
