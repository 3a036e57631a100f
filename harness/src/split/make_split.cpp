#include "split/split.h"

#include <stdexcept>

namespace harness::split {

Split make_split(const std::string& kind, const data::Dataset& dataset) {
  if (kind == "leave_last_item_out") return leave_last_item_out(dataset);
  if (kind == "leave_last_basket_out") return leave_last_basket_out(dataset);
  throw std::invalid_argument(
      "unknown protocol \"" + kind +
      "\"; expected one of: leave_last_item_out, leave_last_basket_out");
}

}  // namespace harness::split
