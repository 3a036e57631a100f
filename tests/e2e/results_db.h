// Read-only access to a results database with the SQLite C API, so the
// end-to-end tests check what the harness wrote without using its store.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

struct sqlite3;

namespace harness::e2e {

class ResultsDb {
 public:
  /// Opens `path` read-only. Throws std::runtime_error when that fails.
  explicit ResultsDb(const std::string& path);
  ~ResultsDb();
  ResultsDb(const ResultsDb&) = delete;
  ResultsDb& operator=(const ResultsDb&) = delete;

  /// Every row of a query. Values are text: integers in decimal, floats
  /// with 17 significant digits (so equal text means equal doubles), blobs
  /// as their raw bytes and NULL as "NULL".
  std::vector<std::vector<std::string>> rows(const std::string& sql) const;

  /// The first column of every row.
  std::vector<std::string> column(const std::string& sql) const;

  /// The single value of a one-row, one-column query.
  std::string value(const std::string& sql) const;

  /// The single integer of a query such as SELECT count(*).
  std::int64_t count(const std::string& sql) const;

 private:
  sqlite3* db_ = nullptr;
};

/// Returns the number of rows in table `runs` of the database at `path`.
std::int64_t count_runs(const std::string& path);

}  // namespace harness::e2e
