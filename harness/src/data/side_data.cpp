#include "data/side_data.h"

#include "data/data_error.h"
#include "data/delimited_reader.h"
#include "data/table_reader.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <unordered_map>

namespace harness::data {
namespace {

constexpr char kProductsLayout[] =
    "of Kaggle's products.csv: product_id,product_name,aisle_id,"
    "department_id (the flattened form adds aisle,department)";

using ItemIndex = std::unordered_map<std::string, std::int64_t>;

ItemIndex index_items(const Dataset& dataset) {
  ItemIndex index;
  for (std::int64_t item = 1; item <= dataset.num_items(); ++item) {
    index.emplace(dataset.item_ids[item], item);
  }
  return index;
}

// One categorical feature: per item a key (such as an aisle_id) and a
// label (the aisle name). Keys are coded from 1 in order of first
// appearance over dense item ids, so codes do not depend on file order.
class CategoryColumn {
 public:
  CategoryColumn(std::string name, std::int64_t num_items)
      : name_(std::move(name)), keys_(num_items + 1), labels_(num_items + 1) {}

  void set(std::int64_t item, std::string_view key, std::string_view label) {
    keys_[item] = key;
    labels_[item] = label;
  }

  void store(Dataset* dataset) const {
    std::vector<std::int64_t> codes(keys_.size(), 0);
    std::vector<std::string> values(1);
    std::unordered_map<std::string, std::int64_t> code_of;
    for (std::size_t item = 1; item < keys_.size(); ++item) {
      if (keys_[item].empty()) continue;
      auto [entry, inserted] = code_of.try_emplace(
          keys_[item], static_cast<std::int64_t>(values.size()));
      if (inserted) values.push_back(labels_[item]);
      codes[item] = entry->second;
    }
    dataset->side.categories[name_] = std::move(codes);
    dataset->category_values[name_] = std::move(values);
  }

 private:
  std::string name_;
  std::vector<std::string> keys_;
  std::vector<std::string> labels_;
};

// Reads a two-column lookup such as aisles.csv (aisle_id -> aisle).
std::unordered_map<std::string, std::string> read_lookup(
    const std::string& path, const std::string& key_column,
    const std::string& value_column) {
  std::string layout = key_column + "," + value_column;
  DelimitedReader reader(path, ",", /*quoting=*/true);
  Header header = read_header(&reader, /*typed=*/false);
  std::size_t key = header.require_fixed(key_column, layout);
  std::size_t value = header.require_fixed(value_column, layout);
  std::unordered_map<std::string, std::string> lookup;
  std::vector<std::string_view> fields;
  while (reader.next(&fields)) {
    check_field_count(reader, fields, header.size());
    lookup.emplace(std::string(fields[key]), std::string(fields[value]));
  }
  return lookup;
}

// A category of the products table: the id column, the name column and
// the lookup table, each optional.
struct ProductCategory {
  std::string name;
  std::optional<std::size_t> id_column;
  std::optional<std::size_t> name_column;
  std::unordered_map<std::string, std::string> lookup;
};

ProductCategory find_product_category(const Header& header,
                                      const std::string& name,
                                      const std::string& lookup_path) {
  ProductCategory category;
  category.name = name;
  std::string id_name = name + "_id";
  category.id_column = header.find(id_name);
  category.name_column = header.find(name);
  if (!lookup_path.empty()) {
    category.id_column = header.require_fixed(id_name, kProductsLayout);
    category.lookup = read_lookup(lookup_path, id_name, name);
  }
  return category;
}

void set_product_category(const ProductCategory& category,
                          const std::vector<std::string_view>& fields,
                          std::int64_t item, CategoryColumn* column) {
  std::string_view key;
  std::string_view label;
  if (category.name_column) label = fields[*category.name_column];
  if (category.id_column) {
    key = fields[*category.id_column];
    auto entry = category.lookup.find(std::string(key));
    if (label.empty() && entry != category.lookup.end()) {
      label = entry->second;
    }
  } else {
    key = label;
  }
  if (label.empty()) label = key;
  column->set(item, key, label);
}

bool is_name_like(const std::string& column) {
  std::string lower = column;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return lower.find("title") != std::string::npos ||
         lower.find("name") != std::string::npos;
}

}  // namespace

void attach_instacart_side_data(const DatasetOptions& options,
                                Dataset* dataset) {
  if (options.products.empty()) {
    if (!options.aisles.empty() || !options.departments.empty()) {
      throw DataError("", 0,
                      "the dataset options aisles and departments need the "
                      "option products, the table that links products to "
                      "them");
    }
    return;
  }
  DelimitedReader reader(options.products, ",", /*quoting=*/true);
  Header header = read_header(&reader, /*typed=*/false);
  std::size_t id_column = header.require_fixed("product_id", kProductsLayout);
  std::size_t name_column =
      header.require_fixed("product_name", kProductsLayout);
  ProductCategory aisle =
      find_product_category(header, "aisle", options.aisles);
  ProductCategory department =
      find_product_category(header, "department", options.departments);

  ItemIndex index = index_items(*dataset);
  std::int64_t num_items = dataset->num_items();
  std::vector<std::string> names(num_items + 1);
  std::vector<char> seen(num_items + 1, 0);
  CategoryColumn aisle_column("aisle", num_items);
  CategoryColumn department_column("department", num_items);
  std::vector<std::string_view> fields;
  while (reader.next(&fields)) {
    check_field_count(reader, fields, header.size());
    auto entry = index.find(std::string(fields[id_column]));
    if (entry == index.end() || seen[entry->second]) continue;
    std::int64_t item = entry->second;
    seen[item] = 1;
    names[item] = fields[name_column];
    set_product_category(aisle, fields, item, &aisle_column);
    set_product_category(department, fields, item, &department_column);
  }

  dataset->side.names = std::move(names);
  if (aisle.id_column || aisle.name_column) aisle_column.store(dataset);
  if (department.id_column || department.name_column) {
    department_column.store(dataset);
  }
}

void attach_item_file(const DatasetOptions& options, bool typed,
                      Dataset* dataset) {
  if (options.items_path.empty()) return;
  char delimiter = typed ? '\t' : options.delimiter;
  DelimitedReader reader(options.items_path, std::string(1, delimiter),
                         /*quoting=*/!typed);
  Header header = read_header(&reader, typed);
  std::size_t id_column = header.require(options.item_column, "item_column");

  std::optional<std::size_t> name_column;
  std::vector<std::size_t> category_columns;
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (i == id_column) continue;
    if (!name_column && is_name_like(header.name(i))) {
      name_column = i;
    } else if (!typed || header.type(i) == "token") {
      category_columns.push_back(i);
    }
  }

  ItemIndex index = index_items(*dataset);
  std::int64_t num_items = dataset->num_items();
  std::vector<std::string> names(num_items + 1);
  std::vector<char> seen(num_items + 1, 0);
  std::vector<CategoryColumn> categories;
  for (std::size_t column : category_columns) {
    categories.emplace_back(header.name(column), num_items);
  }
  std::vector<std::string_view> fields;
  while (reader.next(&fields)) {
    check_field_count(reader, fields, header.size());
    auto entry = index.find(std::string(fields[id_column]));
    if (entry == index.end() || seen[entry->second]) continue;
    std::int64_t item = entry->second;
    seen[item] = 1;
    if (name_column) names[item] = fields[*name_column];
    for (std::size_t c = 0; c < category_columns.size(); ++c) {
      std::string_view value = fields[category_columns[c]];
      categories[c].set(item, value, value);
    }
  }

  if (name_column) dataset->side.names = std::move(names);
  for (const CategoryColumn& category : categories) category.store(dataset);
}

}  // namespace harness::data
