#include "support/manual_clock.hpp"
#include "support/temp_dir.hpp"

#include <vtrguard/report/history.hpp>
#include <vtrguard/report/rate_read.hpp>
#include <vtrguard/report/shipment_rows.hpp>
#include <vtrguard/report/vtr_alerts.hpp>
#include <vtrguard/report/vtr_format.hpp>
#include <vtrguard/store/store.hpp>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

using namespace vtrguard;
using namespace std::chrono_literals;

namespace {

using vtrguard::test::at;

constexpr std::chrono::seconds k_window = 24h * 30;

// One shipped order as another program would write it (empty texts and nullopt are NULL), and
// what the last sweep made of it.
struct Row {
    std::string id;
    std::string number;
    core::TimePoint deliver_by;
    std::optional<core::TimePoint> first_scan;
    std::string carrier = "ups";
    std::string category = "toys";
    std::string marketplace = "amazon.com";
    std::string status = "shipped";
    std::string checks_key; // the sweep's key, in a tracking_checks row (empty: no row)
    bool is_queued = false; // written since the last sweep
};

// Confirmed three days before its promised date, scanned twelve hours later.
Row scanned(std::string id, std::string number, core::TimePoint deliver_by) {
    return {std::move(id), std::move(number), deliver_by, deliver_by - 60h};
}

Row unscanned(std::string id, std::string number, core::TimePoint deliver_by) {
    return {std::move(id), std::move(number), deliver_by, std::nullopt};
}

void insert(SQLite::Database& db, const Row& row) {
    SQLite::Statement order(
        db,
        "INSERT INTO orders (order_id, marketplace, status, category, carrier, tracking_number, "
        "ship_confirmed_at, deliver_by, first_scan_at, order_value, currency) "
        "VALUES (?, ?, ?, NULLIF(?, ''), NULLIF(?, ''), NULLIF(?, ''), ?, ?, ?, 19.99, 'USD')");
    order.bind(1, row.id);
    order.bind(2, row.marketplace);
    order.bind(3, row.status);
    order.bind(4, row.category);
    order.bind(5, row.carrier);
    order.bind(6, row.number);
    order.bind(7, (row.deliver_by - 72h).time_since_epoch().count());
    order.bind(8, row.deliver_by.time_since_epoch().count());
    if (row.first_scan) {
        order.bind(9, row.first_scan->time_since_epoch().count());
    }
    order.exec();
    const auto rowid = db.getLastInsertRowid();
    if (!row.checks_key.empty()) {
        SQLite::Statement check(db,
                                "INSERT INTO tracking_checks (order_row, tracking_key, verdict, "
                                "checked_at) VALUES (?, ?, 'ok', 0)");
        check.bind(1, rowid);
        check.bind(2, row.checks_key);
        check.exec();
    }
    if (!row.is_queued) {
        SQLite::Statement swept(db, "DELETE FROM sweep_queue WHERE order_row = ?");
        swept.bind(1, rowid);
        swept.exec();
    }
}

// Orders well inside the window: every cause these columns can give, and numbers on several
// orders (spaced, behind a label the sweep removed, nothing but dashes, on a cancelled order).
std::vector<Row> inside(core::TimePoint now) {
    const auto day = [now](int days_ago) { return now - 24h * days_ago; };
    std::vector<Row> rows;
    rows.push_back(scanned("ok-1", "1Z5R89390357567127", day(20)));
    rows.push_back(scanned("reused-spaced", "1z 5r8 939 0357 567127", day(10)));
    rows.push_back(scanned("reused-labelled", "Tracking: 1Z5R89390357567127", day(12)));
    rows.back().checks_key = "1Z5R89390357567127";
    rows.back().category = "books";
    // Written since the sweep: its stale key no longer counts, its plain key is its own.
    rows.push_back(scanned("relabelled", "Tracking: 1Z5R89390357567127", day(12)));
    rows.back().checks_key = "1Z5R89390357567127";
    rows.back().is_queued = true;
    rows.push_back(scanned("bad-digit", "1Z5R89390357567128", day(11)));
    rows.back().is_queued = true;
    rows.push_back(unscanned("missing", "", day(9)));
    rows.back().category.clear();
    rows.push_back(scanned("other", "ABC123", day(8)));
    rows.back().carrier = "Acme Freight";
    rows.back().category = "garden";
    rows.push_back(unscanned("never", "9400111206206406260787", day(15)));
    rows.back().carrier = "usps";
    rows.push_back(unscanned("pending", "287809468872", now - 1h));
    rows.back().carrier = "fedex";
    rows.back().marketplace = "walmart.com";
    rows.push_back(scanned("dashes-1", "---", day(5)));
    rows.push_back(scanned("dashes-2", "---", day(6)));
    rows.push_back(scanned("kept", "TBA123456789012", day(4)));
    rows.back().carrier = "amazon";
    rows.push_back(unscanned("cancelled", "TBA123456789012", day(4)));
    rows.back().carrier = "amazon";
    rows.back().status = "cancelled";
    rows.push_back(scanned("walmart-ok", "TBA123456789013", day(3)));
    rows.back().carrier = "amazon";
    rows.back().marketplace = "walmart.com";
    return rows;
}

// Orders at the window's edges, each sharing a number with one inside: promised exactly
// `window` ago (not counted, but read), a second before that (not read) and after now.
std::vector<Row> edges(core::TimePoint now) {
    return {
        scanned("edge-in", "1Z5R89390357567130", now - 24h * 2),
        scanned("edge-exactly-30-days", "1Z5R89390357567130", now - k_window),
        scanned("edge-in-2", "1Z5R89390357567131", now - 24h * 2),
        scanned("edge-before", "1Z5R89390357567131", now - k_window - 1s),
        scanned("edge-in-3", "1Z5R89390357567132", now - 24h * 2),
        scanned("edge-future", "1Z5R89390357567132", now + 1s),
    };
}

struct Fixture {
    test::TempDir dir;
    std::filesystem::path path = dir / "orders.db";
    core::TimePoint now = at("2026-03-31T12:00:00Z");
    std::vector<config::MarketplacePolicy> policies = config::default_marketplaces();

    void write(const std::vector<Row>& rows) {
        REQUIRE(store::Store::open(path).has_value()); // the schema
        SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
        for (const auto& row : rows) {
            insert(db, row);
        }
    }

    // What the rate used to read: every shipment of its read range, held in memory.
    std::vector<report::Shipment> held() {
        auto reader = report::ShipmentReader::open(path);
        REQUIRE(reader.has_value());
        std::vector<report::Shipment> shipments;
        const auto [from, to] = report::rate_read_range(now, k_window);
        const auto read = reader->for_each(
            from, to, [&](const auto& shipment, auto) { shipments.push_back(shipment); });
        REQUIRE(read.has_value());
        return shipments;
    }
};

std::int64_t reused_count(const report::Counts& counts) {
    return counts.causes.at(static_cast<std::size_t>(report::Cause::number_reused));
}

} // namespace

TEST_CASE_FIXTURE(Fixture, "rate read: streamed, vtr gives the same output as held in memory") {
    auto rows = inside(now);
    const auto edge_rows = edges(now);
    rows.insert(rows.end(), edge_rows.begin(), edge_rows.end());
    write(rows);

    const auto streamed = report::read_rate<report::SummaryBuilder>(path, policies, now, k_window);
    REQUIRE(streamed.has_value());
    const auto shipments = held();
    const auto in_memory = report::compute_vtr(shipments, policies, now, k_window);
    CHECK(report::vtr_json(*streamed) == report::vtr_json(in_memory));
    CHECK(report::vtr_text(*streamed, 95.0, core::TimeZone{})
          == report::vtr_text(in_memory, 95.0, core::TimeZone{}));

    // Not vacuous: each cause and edge above is in the figures.
    const auto& overall = streamed->overall;
    CHECK(overall.total == 16); // 20 orders: 1 cancelled, 3 outside
    CHECK(overall.cancelled == 1);
    CHECK(overall.pending == 1);
    // ok-1 and its spaced and labelled copies, the two dashes, and edge-in: its number is on
    // the order promised exactly 30 days ago. Not kept (its copy is cancelled), relabelled,
    // edge-in-2 or edge-in-3.
    CHECK(reused_count(overall) == 6);
    CHECK(overall.valid == 5); // relabelled, kept, walmart-ok, edge-in-2, edge-in-3
    CHECK(overall.not_valid == 10);
    REQUIRE(streamed->by_marketplace.size() == 2);
    CHECK(streamed->by_marketplace[1].name == "walmart.com");
    CHECK(streamed->by_category.front().name == report::k_unknown_group);
}

TEST_CASE_FIXTURE(Fixture, "rate read: streamed, the alerts see the same marketplace categories") {
    auto rows = inside(now);
    const auto edge_rows = edges(now);
    rows.insert(rows.end(), edge_rows.begin(), edge_rows.end());
    write(rows);

    const auto streamed =
        report::read_rate<report::MarketplaceCategoryCounts>(path, policies, now, k_window);
    REQUIRE(streamed.has_value());
    const auto shipments = held();
    const auto outcomes = report::evaluate_all(shipments, policies, now);
    const auto [from, to] = report::rate_window(now, k_window);
    report::MarketplaceCategoryCounts in_memory(from, to);
    for (std::size_t i = 0; i < shipments.size(); ++i) {
        in_memory.add(shipments[i], outcomes[i]);
    }
    const auto expected = in_memory.finish();
    REQUIRE(streamed->size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        CAPTURE(expected[i].name);
        CHECK(streamed->at(i).name == expected[i].name);
        const auto& [got, want] = std::tie(streamed->at(i).counts, expected[i].counts);
        CHECK(got.total == want.total);
        CHECK(got.valid == want.valid);
        CHECK(got.not_valid == want.not_valid);
        CHECK(got.pending == want.pending);
        CHECK(got.causes == want.causes);
    }
    CHECK(streamed->front().name == "amazon.com\t(none)");
}

TEST_CASE_FIXTURE(Fixture,
                  "rate read: vtr over the report's last rolling window gives its figures") {
    // The report's last day rolls over the 30 local days up to today, vtr over the 30 days up
    // to now: the same shipments when none lies near either edge.
    write(inside(now));
    const auto vtr = report::read_rate<report::SummaryBuilder>(path, policies, now, k_window);
    REQUIRE(vtr.has_value());

    auto reader = report::ShipmentReader::open(path);
    REQUIRE(reader.has_value());
    report::HistoryBuilder builder(policies, now, 1, k_window, core::TimeZone{});
    const auto [from, to] = report::history_range(now, 1, k_window, core::TimeZone{});
    REQUIRE(
        reader
            ->for_each(from, to, [&](const auto& shipment, auto id) { builder.add(shipment, id); })
            .has_value());
    const auto candidates = reader->by_ids(builder.reuse_candidates());
    REQUIRE(candidates.has_value());
    const auto history = std::move(builder).finish(*candidates);
    REQUIRE(history.days.size() == 1);
    const auto& report = history.days.back().window;
    const auto& rate = vtr->overall;
    CHECK(rate.total == report.total);
    CHECK(rate.valid == report.valid);
    CHECK(rate.not_valid == report.not_valid);
    CHECK(rate.pending == report.pending);
    CHECK(rate.cancelled == report.cancelled);
    CHECK(rate.causes == report.causes);
    CHECK(rate.total == 13);
    CHECK(reused_count(rate) == 5);
}
