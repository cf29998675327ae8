#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>

namespace vtrguard::bench {

// What fill_shipments() writes.
struct ShipmentFill {
    std::int64_t count = 1'000'000;
    // Promised delivery dates spread evenly over the `span` before now.
    std::chrono::hours span{24 * 120};
    // Every `reused_every`th shipment carries the number of the one before (0: none does).
    std::int64_t reused_every = 0;
};

// Creates the database at `path` (running the migrations) and fills it with shipped orders as
// a swept store holds them: one marketplace, six categories, four carriers, about 4 % failing
// on purpose (1 % an unknown carrier, 1.5 % no number, 1.5 % never scanned) and 0.1 %
// cancelled, from a fixed seed. Exits with 4 when the store cannot be opened.
void fill_shipments(const std::filesystem::path& path, const ShipmentFill& fill);

} // namespace vtrguard::bench
