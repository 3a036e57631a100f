// Events as read from a file, before filtering and ordering. Every format
// reader produces one of these, so ordering and filters are written once.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace harness::data {

/// Gives each distinct string an index, in order of first appearance.
class Interner {
 public:
  Interner() = default;
  // The index contains views into values_, so a copy would dangle.
  Interner(const Interner&) = delete;
  Interner& operator=(const Interner&) = delete;
  Interner(Interner&&) = default;
  Interner& operator=(Interner&&) = default;

  std::int64_t intern(std::string_view value);
  const std::string& value(std::int64_t index) const { return values_[index]; }
  std::int64_t size() const {
    return static_cast<std::int64_t>(values_.size());
  }

 private:
  // A deque never moves its elements, so the views stay valid; lookups
  // then need no allocation.
  std::unordered_map<std::string_view, std::int64_t> index_;
  std::deque<std::string> values_;
};

/// Marks an event without a basket or without a position.
inline constexpr std::int64_t kNoBasket = -1;

/// One entry per event in file order (for Instacart, the order of the
/// order_products rows). Users, items and baskets are interned indices.
struct EventTable {
  Interner users;
  Interner items;
  /// Basket ids as written; equal ids form one basket only within a user.
  Interner baskets;
  std::vector<std::int64_t> user;
  std::vector<std::int64_t> item;
  std::vector<std::int64_t> basket;
  std::vector<double> time;
  std::vector<double> position;
  /// True when a basket column was read (Instacart, or csv with one).
  bool has_baskets = false;

  std::int64_t size() const { return static_cast<std::int64_t>(user.size()); }

  /// Reserves room for `events` more events.
  void reserve(std::size_t events);

  /// Appends one event; `basket_id` is ignored unless has_baskets is set.
  void add(std::string_view user_id, std::string_view item_id, double when,
           std::string_view basket_id, double cart_position);
  /// Appends one event whose user and basket are interned already.
  void add_interned(std::int64_t user_index, std::string_view item_id,
                    double when, std::int64_t basket_index,
                    double cart_position);
};

}  // namespace harness::data
