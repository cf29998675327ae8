#include "order_columns.hpp"

#include <algorithm>
#include <cctype>

namespace vtrguard::store {

namespace {

// Numbers compared as the sweep compares them: spaces and dashes dropped, case folded.
std::string plain(std::string_view number) {
    std::string out;
    out.reserve(number.size());
    for (const char c : number) {
        if (c != ' ' && c != '-') {
            out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
        }
    }
    return out;
}

void bind_time(SQLite::Statement& statement, int index, std::optional<core::TimePoint> time) {
    if (time) {
        statement.bind(index, to_unix(*time));
    } else {
        statement.bind(index);
    }
}

} // namespace

Result<std::vector<MarketplacePackage>> Store::packages_of(std::string_view order_id,
                                                           std::string_view source) {
    return guarded("read packages", [&] {
        auto query = m_impl->prepare(
            "SELECT package_ref, carrier, carrier_name, tracking_number, ship_time, "
            "marketplace_status FROM packages WHERE order_id = ? AND source = ? "
            "ORDER BY position, package_ref");
        bind_text_view(*query, 1, order_id);
        bind_text_view(*query, 2, source);
        std::vector<MarketplacePackage> packages;
        while (query->executeStep()) {
            MarketplacePackage package;
            package.package_ref = query->getColumn(0).getString();
            package.carrier = query->getColumn(1).getString();
            package.carrier_name = query->getColumn(2).getString();
            package.tracking_number = query->getColumn(3).getString();
            if (!query->getColumn(4).isNull()) {
                package.ship_time = from_unix(query->getColumn(4).getInt64());
            }
            package.status = query->getColumn(5).getString();
            packages.push_back(std::move(package));
        }
        return packages;
    });
}

Result<UpsertOutcome> Store::write_marketplace_order(const OrderPatch& patch,
                                                     std::string_view source,
                                                     std::span<const MarketplacePackage> packages,
                                                     core::TimePoint now) {
    const auto& order_id = patch.values.order_id;
    auto stored = find_order(order_id);
    if (!stored) {
        return tl::unexpected(stored.error());
    }
    auto held = packages_of(order_id, source);
    if (!held) {
        return tl::unexpected(held.error());
    }
    auto seller_rows = packages_of(order_id, k_seller_source);
    if (!seller_rows) {
        return tl::unexpected(seller_rows.error());
    }
    // The number on the order, when it is neither the marketplace's new one nor its earlier
    // one, is the seller's own copy: kept before the order takes the marketplace's.
    if (*stored && !packages.empty() && !(*stored)->tracking_number.empty()) {
        const auto number = plain((*stored)->tracking_number);
        const bool was_marketplace =
            !held->empty() && plain(held->front().tracking_number) == number;
        if (number != plain(packages.front().tracking_number) && !was_marketplace) {
            MarketplacePackage copy;
            copy.package_ref = packages.front().package_ref;
            copy.carrier = (*stored)->carrier;
            copy.tracking_number = (*stored)->tracking_number;
            std::erase_if(*seller_rows,
                          [&](const auto& row) { return row.package_ref == copy.package_ref; });
            seller_rows->push_back(std::move(copy));
        }
    }
    const bool same_packages =
        std::equal(held->begin(), held->end(), packages.begin(), packages.end());
    auto written = guarded("store packages", [&] {
        if (same_packages) {
            return true;
        }
        auto forget = m_impl->prepare("DELETE FROM packages WHERE order_id = ? AND source = ?");
        bind_text_view(*forget, 1, order_id);
        bind_text_view(*forget, 2, source);
        forget->exec();
        int position = 0;
        for (const auto& package : packages) {
            auto insert = m_impl->prepare(
                "INSERT INTO packages (order_id, source, package_ref, position, carrier, "
                "carrier_name, tracking_number, ship_time, marketplace_status, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
            bind_text_view(*insert, 1, order_id);
            bind_text_view(*insert, 2, source);
            bind_text_view(*insert, 3, package.package_ref);
            insert->bind(4, position++);
            bind_optional_text(*insert, 5, package.carrier);
            bind_optional_text(*insert, 6, package.carrier_name);
            bind_optional_text(*insert, 7, package.tracking_number);
            bind_time(*insert, 8, package.ship_time);
            bind_optional_text(*insert, 9, package.status);
            insert->bind(10, to_unix(now));
            insert->exec();
        }
        return true;
    });
    if (!written) {
        return tl::unexpected(written.error());
    }
    auto outcome = upsert(patch, now);
    if (!outcome) {
        return outcome;
    }
    // The order now holds the marketplace's number, and the trigger that watches sellers'
    // writes took that for the seller agreeing: the seller's copies are put back.
    auto kept = guarded("keep the seller's copy", [&] {
        for (const auto& row : *seller_rows) {
            auto keep = m_impl->prepare(
                "INSERT INTO packages (order_id, source, package_ref, carrier, tracking_number, "
                "updated_at) VALUES (?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (order_id, source, package_ref) DO UPDATE SET "
                "carrier = excluded.carrier, tracking_number = excluded.tracking_number");
            bind_text_view(*keep, 1, order_id);
            bind_text_view(*keep, 2, k_seller_source);
            bind_text_view(*keep, 3, row.package_ref);
            bind_optional_text(*keep, 4, row.carrier);
            bind_text_view(*keep, 5, row.tracking_number);
            keep->bind(6, to_unix(now));
            keep->exec();
        }
        return true;
    });
    if (!kept) {
        return tl::unexpected(kept.error());
    }
    if (*outcome == UpsertOutcome::unchanged && !same_packages) {
        return UpsertOutcome::updated;
    }
    return outcome;
}

Result<std::vector<PackageCopies>> Store::package_copies() {
    return guarded("read package copies", [&] {
        auto query = m_impl->prepare(
            "SELECT s.order_id, s.package_ref, m.source, s.carrier, s.tracking_number, "
            "m.carrier, m.tracking_number FROM packages AS s JOIN packages AS m "
            "ON m.order_id = s.order_id AND m.package_ref = s.package_ref AND m.source <> 'seller' "
            "WHERE s.source = 'seller' ORDER BY s.order_id, s.package_ref");
        std::vector<PackageCopies> copies;
        while (query->executeStep()) {
            copies.push_back({query->getColumn(0).getString(),
                              query->getColumn(1).getString(),
                              query->getColumn(2).getString(),
                              query->getColumn(3).getString(),
                              query->getColumn(4).getString(),
                              query->getColumn(5).getString(),
                              query->getColumn(6).getString()});
        }
        return copies;
    });
}

Result<std::vector<PackageCopies>> Store::open_mismatches() {
    return guarded("read mismatches", [&] {
        auto query =
            m_impl->prepare("SELECT order_id, package_ref, source, seller_carrier, seller_number, "
                            "marketplace_carrier, marketplace_number FROM tracking_mismatches "
                            "WHERE resolved_at IS NULL ORDER BY order_id, package_ref");
        std::vector<PackageCopies> open;
        while (query->executeStep()) {
            open.push_back({query->getColumn(0).getString(),
                            query->getColumn(1).getString(),
                            query->getColumn(2).getString(),
                            query->getColumn(3).getString(),
                            query->getColumn(4).getString(),
                            query->getColumn(5).getString(),
                            query->getColumn(6).getString()});
        }
        return open;
    });
}

Result<bool> Store::raise_mismatch(const PackageCopies& copies, core::TimePoint now) {
    return guarded("raise mismatch", [&] {
        auto insert = m_impl->prepare(
            "INSERT INTO tracking_mismatches (order_id, package_ref, source, seller_carrier, "
            "seller_number, marketplace_carrier, marketplace_number, raised_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        bind_text_view(*insert, 1, copies.order_id);
        bind_text_view(*insert, 2, copies.package_ref);
        bind_text_view(*insert, 3, copies.source);
        bind_optional_text(*insert, 4, copies.seller_carrier);
        bind_optional_text(*insert, 5, copies.seller_number);
        bind_optional_text(*insert, 6, copies.marketplace_carrier);
        bind_optional_text(*insert, 7, copies.marketplace_number);
        insert->bind(8, to_unix(now));
        insert->exec();
        return true;
    });
}

Result<bool> Store::resolve_mismatch(std::string_view order_id,
                                     std::string_view package_ref,
                                     core::TimePoint now) {
    return guarded("resolve mismatch", [&] {
        auto update =
            m_impl->prepare("UPDATE tracking_mismatches SET resolved_at = ? "
                            "WHERE order_id = ? AND package_ref = ? AND resolved_at IS NULL");
        update->bind(1, to_unix(now));
        bind_text_view(*update, 2, order_id);
        bind_text_view(*update, 3, package_ref);
        update->exec();
        return true;
    });
}

} // namespace vtrguard::store
