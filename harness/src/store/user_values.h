// Encoding of per-user values as compact blobs: user ids as little-endian
// int32 and metric values as little-endian IEEE-754 float32, 4 bytes each,
// in the same order.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace harness::store {

/// Throws StoreError when an id does not fit in int32.
std::vector<unsigned char> encode_users(const std::vector<std::int64_t>& ids);
std::vector<unsigned char> encode_values(const std::vector<float>& values);

/// Both decoders throw StoreError when the blob size is not a multiple of
/// 4, with `what` naming the blob in the message.
std::vector<std::int64_t> decode_users(const std::vector<unsigned char>& blob,
                                       const std::string& what);
std::vector<float> decode_values(const std::vector<unsigned char>& blob,
                                 const std::string& what);

}  // namespace harness::store
