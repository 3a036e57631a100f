#include "runner/run_queries.h"

#include "store/sqlite_statement.h"

#include <map>

namespace harness::runner {

void set_run_environment(store::Store& store, std::int64_t run_id,
                         const std::string& device, std::int64_t threads,
                         const std::string& blas) {
  store::WriteTransaction transaction(store.handle());
  store::Statement update(
      store.handle(),
      "UPDATE runs SET device = ?, threads = ?, blas = ? WHERE id = ?");
  update.bind(1, device).bind(2, threads).bind(3, blas).bind(4, run_id);
  update.run();
  transaction.commit();
}

double estimate_seconds(store::Store& store,
                        const std::vector<std::string>& plugins) {
  std::map<std::string, double> mean_seconds;
  store::Statement query(store.handle(),
                         "SELECT plugin, avg(total_seconds) FROM runs "
                         "WHERE status = 'finished' GROUP BY plugin");
  while (query.step()) {
    mean_seconds[query.column_text(0)] = query.column_double(1);
  }
  double total = 0;
  for (const std::string& plugin : plugins) {
    auto found = mean_seconds.find(plugin);
    if (found != mean_seconds.end()) total += found->second;
  }
  return total;
}

}  // namespace harness::runner
