#include "results_db.h"

#include <sqlite3.h>

#include <cstdio>
#include <stdexcept>

namespace harness::e2e {
namespace {

std::string column_text(sqlite3_stmt* statement, int column) {
  switch (sqlite3_column_type(statement, column)) {
    case SQLITE_NULL:
      return "NULL";
    case SQLITE_FLOAT: {
      char buffer[64];
      std::snprintf(buffer, sizeof buffer, "%.17g",
                    sqlite3_column_double(statement, column));
      return buffer;
    }
    case SQLITE_BLOB: {
      const void* bytes = sqlite3_column_blob(statement, column);
      const int size = sqlite3_column_bytes(statement, column);
      return std::string(static_cast<const char*>(bytes), size);
    }
    default: {
      const unsigned char* text = sqlite3_column_text(statement, column);
      return std::string(reinterpret_cast<const char*>(text),
                         sqlite3_column_bytes(statement, column));
    }
  }
}

}  // namespace

ResultsDb::ResultsDb(const std::string& path) {
  if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr) !=
      SQLITE_OK) {
    const std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw std::runtime_error("failed to open " + path + ": " + message);
  }
  sqlite3_busy_timeout(db_, 10000);
}

ResultsDb::~ResultsDb() { sqlite3_close(db_); }

std::vector<std::vector<std::string>> ResultsDb::rows(
    const std::string& sql) const {
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr) !=
      SQLITE_OK) {
    throw std::runtime_error("invalid query '" + sql +
                             "': " + sqlite3_errmsg(db_));
  }
  std::vector<std::vector<std::string>> result;
  int step = SQLITE_ROW;
  while ((step = sqlite3_step(statement)) == SQLITE_ROW) {
    std::vector<std::string> row;
    for (int i = 0; i < sqlite3_column_count(statement); ++i) {
      row.push_back(column_text(statement, i));
    }
    result.push_back(std::move(row));
  }
  sqlite3_finalize(statement);
  if (step != SQLITE_DONE) {
    throw std::runtime_error("query '" + sql +
                             "' failed: " + sqlite3_errmsg(db_));
  }
  return result;
}

std::vector<std::string> ResultsDb::column(const std::string& sql) const {
  std::vector<std::string> values;
  for (auto& row : rows(sql)) values.push_back(row.at(0));
  return values;
}

std::string ResultsDb::value(const std::string& sql) const {
  const auto result = rows(sql);
  if (result.size() != 1 || result[0].size() != 1) {
    throw std::runtime_error("query '" + sql + "' returned " +
                             std::to_string(result.size()) +
                             " rows; expected one value");
  }
  return result[0][0];
}

std::int64_t ResultsDb::count(const std::string& sql) const {
  return std::stoll(value(sql));
}

std::int64_t count_runs(const std::string& path) {
  return ResultsDb(path).count("SELECT count(*) FROM runs");
}

}  // namespace harness::e2e
