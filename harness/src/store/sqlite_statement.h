// Thin RAII wrappers over the SQLite C API, used by the store, the
// leaderboard, compare and merge. Every failure throws StoreError with the
// database path and SQLite's message.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/store_error.h"

struct sqlite3;
struct sqlite3_stmt;

namespace harness::store {

/// Runs one or more SQL statements that return no rows.
void exec_sql(sqlite3* db, const std::string& sql);

/// Path of the main database of a connection, for messages.
std::string database_path(sqlite3* db);

/// A prepared statement. Parameters are 1-based, columns 0-based, as in
/// the SQLite API.
class Statement {
 public:
  Statement(sqlite3* db, const std::string& sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, double value);
  Statement& bind(int index, const std::string& value);
  Statement& bind_blob(int index, const std::vector<unsigned char>& bytes);
  Statement& bind_null(int index);
  /// Binds the value of `column` in the current row of `row`, whatever
  /// its type; used to copy rows between databases.
  Statement& bind_column(int index, const Statement& row, int column);

  /// Advances to the next row; false when there are no more rows.
  bool step();
  /// Runs a statement that returns no rows.
  void run();
  /// Clears the bindings and rewinds, so the statement can run again.
  void reset();

  int column_count() const;
  std::string column_name(int column) const;
  bool is_null(int column) const;
  std::int64_t column_int(int column) const;
  double column_double(int column) const;
  std::string column_text(int column) const;
  std::vector<unsigned char> column_blob(int column) const;
  /// NULL reads as std::nullopt.
  std::optional<double> column_optional_double(int column) const;

 private:
  [[noreturn]] void fail(const char* action) const;

  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  std::string sql_;
};

/// A write transaction opened with BEGIN IMMEDIATE, which takes the write
/// lock up front and so waits on the busy timeout. In WAL mode, a deferred
/// transaction that later upgrades to a writer gets SQLITE_BUSY at once
/// instead. Rolls back unless commit() was called.
class WriteTransaction {
 public:
  explicit WriteTransaction(sqlite3* db);
  ~WriteTransaction();
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;

  void commit();

 private:
  sqlite3* db_;
  bool open_ = true;
};

/// Current UTC time as ISO-8601 with milliseconds, e.g.
/// "2026-03-01T12:30:05.123Z"; such strings sort in time order.
std::string utc_now_iso8601();

}  // namespace harness::store
