#pragma once

#include <vtrguard/core/clock.hpp>
#include <vtrguard/core/result.hpp>
#include <vtrguard/report/shipment.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace vtrguard::report {

// Reads shipments from the database on its own read-only connection, inside one read
// transaction, so every read sees the same snapshot. The declared carrier is resolved to a
// known carrier's code; a number the sweep has not judged yet is judged here. Errors:
// ErrorCode::store. Use from one thread.
class ShipmentReader {
public:
    static Result<ShipmentReader> open(const std::filesystem::path& database);

    ShipmentReader(ShipmentReader&&) noexcept;
    ShipmentReader& operator=(ShipmentReader&&) noexcept;
    ShipmentReader(const ShipmentReader&) = delete;
    ShipmentReader& operator=(const ShipmentReader&) = delete;
    ~ShipmentReader();

    // Calls `visit` with each shipped or cancelled order whose window date (deliver_by, else
    // ship_confirmed_at) lies in [from, to), and its row id. The Shipment is one buffer
    // refilled for each row, so a million rows allocate next to nothing: copy what you keep.
    // Returns the number of rows.
    Result<std::size_t>
    for_each(core::TimePoint from,
             core::TimePoint to,
             const std::function<void(const Shipment& shipment, std::int64_t id)>& visit);

    // The shipments with row ids `ids` (those that still exist), for a second look.
    Result<std::vector<IdentifiedShipment>> by_ids(std::span<const std::int64_t> ids);

    // The normalized numbers (number_key()) that more than one of the shipments for_each()
    // visits carries, cancelled ones aside: the numbers reused across orders, sorted. SQLite
    // groups the numbers, on disk past its page cache, so memory grows with the reused
    // numbers only, not with the shipments.
    Result<std::vector<std::string>> reused_numbers(core::TimePoint from, core::TimePoint to);

private:
    struct Impl;

    explicit ShipmentReader(std::unique_ptr<Impl> impl);

    std::unique_ptr<Impl> m_impl;
};

} // namespace vtrguard::report
