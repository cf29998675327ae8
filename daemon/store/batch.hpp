#pragma once

#include "row.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace vtrguard::store {

// A statement written for many rows at once: `head`, then `tuple` once per row separated by
// commas, then `tail`. "INSERT INTO t (a, b) VALUES " + "(?, ?)" + "", or
// "DELETE FROM t WHERE a IN (" + "?" + ")".
struct BatchSql {
    std::string_view head;
    std::string_view tuple;
    std::string_view tail;
    int params_per_row = 1;
};

// Runs `sql` for rows [0, rows) through `statements` (Store::Impl: prepare_raw),
// `bind_row(statement, first_param, row)` binding each row's parameters. A sweep writes tens of
// thousands of rows: one statement for 64 of them costs little more than one for a single row.
// Batches of 64, then halving sizes for the rest, keep the number of distinct statements (each
// prepared once) at seven.
template <typename Statements, typename BindRow>
void exec_batched(Statements& statements,
                  const BatchSql& sql,
                  std::size_t rows,
                  BindRow&& bind_row) {
    constexpr std::size_t k_batch_rows = 64;
    std::size_t done = 0;
    for (std::size_t size = k_batch_rows; size > 0; size /= 2) {
        std::string text;
        while (rows - done >= size) {
            if (text.empty()) {
                text.reserve(sql.head.size() + size * (sql.tuple.size() + 2) + sql.tail.size());
                text.append(sql.head);
                for (std::size_t i = 0; i < size; ++i) {
                    text.append(i == 0 ? "" : ", ").append(sql.tuple);
                }
                text.append(sql.tail);
            }
            const auto statement = statements.prepare_raw(text);
            for (std::size_t i = 0; i < size; ++i) {
                bind_row(statement, static_cast<int>(i) * sql.params_per_row + 1, done + i);
            }
            step(statement);
            done += size;
        }
    }
}

} // namespace vtrguard::store
