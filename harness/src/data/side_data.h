// Item side data: display names and categorical features, attached to a
// Dataset after its dense ids are known. Items the dataset does not
// contain are ignored; dataset items missing from the file get name "" and
// code 0. When an item appears twice, its first row is used.
#pragma once

#include "data/dataset.h"

namespace harness::data {

/// Reads an Instacart products table (`options.products`), in the Kaggle
/// form (product_id,product_name,aisle_id,department_id) or the flattened
/// form that adds aisle and department names, and the optional aisles and
/// departments tables. Fills names and the categories "aisle" and
/// "department", coded by aisle_id and department_id where present.
void attach_instacart_side_data(const DatasetOptions& options,
                                Dataset* dataset);

/// Reads `options.items_path`: a RecBole `.item` file when `typed`, else a
/// csv file with the options' delimiter. The item column is
/// `options.item_column`; the first other column whose name contains
/// "title" or "name" gives the names. Every other column is a category,
/// except that a typed file keeps only `:token` columns (`:token_seq`
/// contains several values and `:float` is not categorical).
void attach_item_file(const DatasetOptions& options, bool typed,
                      Dataset* dataset);

}  // namespace harness::data
