// The results database schema and its migrations.
#pragma once

struct sqlite3;

namespace harness::store {

/// Brings the schema of an open database up to kSchemaVersion. Each
/// migration step runs in its own write transaction and re-reads the
/// version inside it, so several processes opening one new file at once
/// apply every step exactly once. Throws StoreError for a file written by
/// a newer harness, or for a SQLite file that is not a results database.
void migrate_schema(sqlite3* db);

/// Schema version stored in the meta table; 0 for an empty file.
int stored_schema_version(sqlite3* db);

}  // namespace harness::store
