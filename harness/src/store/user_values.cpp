#include "store/user_values.h"

#include <fmt/format.h>

#include <cstring>
#include <limits>

#include "store/sqlite_statement.h"

namespace harness::store {
namespace {

void put_u32(std::uint32_t word, unsigned char* out) {
  for (int byte = 0; byte < 4; ++byte) {
    out[byte] = static_cast<unsigned char>(word >> (8 * byte));
  }
}

std::uint32_t get_u32(const unsigned char* in) {
  std::uint32_t word = 0;
  for (int byte = 0; byte < 4; ++byte) {
    word |= static_cast<std::uint32_t>(in[byte]) << (8 * byte);
  }
  return word;
}

void check_size(const std::vector<unsigned char>& blob,
                const std::string& what) {
  if (blob.size() % 4 != 0) {
    throw StoreError(fmt::format(
        "{}: blob of {} bytes is not a whole number of 4-byte values; the "
        "database is damaged",
        what, blob.size()));
  }
}

}  // namespace

std::vector<unsigned char> encode_users(const std::vector<std::int64_t>& ids) {
  std::vector<unsigned char> blob(ids.size() * 4);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (ids[i] < std::numeric_limits<std::int32_t>::min() ||
        ids[i] > std::numeric_limits<std::int32_t>::max()) {
      throw StoreError(fmt::format(
          "user id {} at position {} does not fit the int32 per-user blob",
          ids[i], i));
    }
    auto id = static_cast<std::int32_t>(ids[i]);
    std::uint32_t word = 0;
    std::memcpy(&word, &id, 4);
    put_u32(word, &blob[i * 4]);
  }
  return blob;
}

std::vector<unsigned char> encode_values(const std::vector<float>& values) {
  static_assert(sizeof(float) == 4, "float must be IEEE-754 binary32");
  std::vector<unsigned char> blob(values.size() * 4);
  for (std::size_t i = 0; i < values.size(); ++i) {
    std::uint32_t word = 0;
    std::memcpy(&word, &values[i], 4);
    put_u32(word, &blob[i * 4]);
  }
  return blob;
}

std::vector<std::int64_t> decode_users(const std::vector<unsigned char>& blob,
                                       const std::string& what) {
  check_size(blob, what);
  std::vector<std::int64_t> ids(blob.size() / 4);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    std::uint32_t word = get_u32(&blob[i * 4]);
    std::int32_t id = 0;
    std::memcpy(&id, &word, 4);
    ids[i] = id;
  }
  return ids;
}

std::vector<float> decode_values(const std::vector<unsigned char>& blob,
                                 const std::string& what) {
  check_size(blob, what);
  std::vector<float> values(blob.size() / 4);
  for (std::size_t i = 0; i < values.size(); ++i) {
    std::uint32_t word = get_u32(&blob[i * 4]);
    std::memcpy(&values[i], &word, 4);
  }
  return values;
}

}  // namespace harness::store
