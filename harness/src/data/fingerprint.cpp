#include "data/fingerprint.h"

#include <cstdio>
#include <cstring>
#include <string_view>

namespace harness::data {
namespace {

// FNV-1a with the standard 64-bit offset basis and prime.
class Fnv1a64 {
 public:
  void bytes(const void* data, std::size_t size) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < size; ++i) {
      state_ ^= p[i];
      state_ *= kPrime;
    }
  }

  // Each string ends with a unit separator, so "ab","c" != "a","bc".
  void text(std::string_view value) {
    bytes(value.data(), value.size());
    bytes("\x1f", 1);
  }

  // Numbers go in little-endian byte order on every machine.
  void integer(std::int64_t value) { word(static_cast<std::uint64_t>(value)); }
  void number(double value) {
    std::uint64_t bits = 0;
    std::memcpy(&bits, &value, sizeof bits);
    word(bits);
  }

  std::string hex() const {
    char out[17];
    std::snprintf(out, sizeof out, "%016llx",
                  static_cast<unsigned long long>(state_));
    return out;
  }

 private:
  void word(std::uint64_t value) {
    unsigned char out[8];
    for (int i = 0; i < 8; ++i) out[i] = (value >> (8 * i)) & 0xff;
    bytes(out, sizeof out);
  }

  static constexpr std::uint64_t kOffsetBasis = 0xcbf29ce484222325ULL;
  static constexpr std::uint64_t kPrime = 0x100000001b3ULL;
  std::uint64_t state_ = kOffsetBasis;
};

void hash_options(const DatasetOptions& options, Fnv1a64* hash) {
  hash->text("harness-dataset-v1");
  hash->text(options.format);
  // Column names and the delimiter only matter where they are read.
  if (options.format == "recbole" || options.format == "csv") {
    hash->text(options.user_column);
    hash->text(options.item_column);
    hash->text(options.time_column);
    hash->text(options.basket_column);
    hash->text(options.position_column);
  }
  if (options.format == "csv") {
    hash->text(std::string_view(&options.delimiter, 1));
  }
  hash->integer(options.min_user_events);
  hash->integer(options.min_item_events);
  if (options.format == "synthetic") {
    hash->integer(options.synthetic_users);
    hash->integer(options.synthetic_items);
    hash->integer(options.synthetic_seed);
  }
}

void hash_content(const Dataset& dataset, Fnv1a64* hash) {
  hash->integer(dataset.has_baskets ? 1 : 0);
  hash->integer(dataset.num_users());
  for (std::int64_t user = 1; user <= dataset.num_users(); ++user) {
    hash->text(dataset.user_ids[user]);
    hash->integer(static_cast<std::int64_t>(dataset.items[user].size()));
    for (std::size_t k = 0; k < dataset.items[user].size(); ++k) {
      hash->text(dataset.item_ids[dataset.items[user][k]]);
      hash->number(dataset.times[user][k]);
      hash->integer(dataset.baskets[user][k]);
    }
  }
}

void hash_side_data(const Dataset& dataset, Fnv1a64* hash) {
  hash->integer(static_cast<std::int64_t>(dataset.side.names.size()));
  for (const std::string& name : dataset.side.names) hash->text(name);
  for (const auto& [category, codes] : dataset.side.categories) {
    hash->text(category);
    for (std::int64_t code : codes) hash->integer(code);
    auto values = dataset.category_values.find(category);
    if (values == dataset.category_values.end()) continue;
    for (const std::string& value : values->second) hash->text(value);
  }
}

}  // namespace

std::string compute_fingerprint(const Dataset& dataset,
                                const DatasetOptions& options) {
  Fnv1a64 hash;
  hash_options(options, &hash);
  hash_content(dataset, &hash);
  hash_side_data(dataset, &hash);
  return hash.hex();
}

}  // namespace harness::data
