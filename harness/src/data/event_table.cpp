#include "data/event_table.h"

namespace harness::data {

std::int64_t Interner::intern(std::string_view value) {
  auto found = index_.find(value);
  if (found != index_.end()) return found->second;
  std::int64_t index = size();
  const std::string& stored = values_.emplace_back(value);
  index_.emplace(stored, index);
  return index;
}

void EventTable::add_interned(std::int64_t user_index, std::string_view item_id,
                              double when, std::int64_t basket_index,
                              double cart_position) {
  user.push_back(user_index);
  item.push_back(items.intern(item_id));
  basket.push_back(basket_index);
  time.push_back(when);
  position.push_back(cart_position);
}

void EventTable::reserve(std::size_t events) {
  std::size_t total = user.size() + events;
  user.reserve(total);
  item.reserve(total);
  basket.reserve(total);
  time.reserve(total);
  position.reserve(total);
}

void EventTable::add(std::string_view user_id, std::string_view item_id,
                     double when, std::string_view basket_id,
                     double cart_position) {
  user.push_back(users.intern(user_id));
  item.push_back(items.intern(item_id));
  basket.push_back(has_baskets ? baskets.intern(basket_id) : kNoBasket);
  time.push_back(when);
  position.push_back(cart_position);
}

}  // namespace harness::data
