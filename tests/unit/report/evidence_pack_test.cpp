#include "support/manual_clock.hpp"
#include "unit/report/history_data.hpp"

#include <vtrguard/report/evidence_pack.hpp>
#include <vtrguard/report/history.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>

using namespace vtrguard;
using namespace std::chrono_literals;

namespace {

using vtrguard::test::at;

struct Fixture {
    // Late on the last day, so every order promised today is at least 7 days past confirm.
    core::TimePoint now = at("2026-06-30T23:00:00Z");
    std::vector<report::Shipment> shipments = test::generated_history(now, 120, 10);
    std::vector<config::MarketplacePolicy> policies = config::default_marketplaces();
    report::History history = report::build_history(shipments, policies, now, 90, 24h * 30);
};

// Days d in [30, 120) of the generated data make the 90-day period.
int expected(int (*count_on_day)(int)) {
    int total = 0;
    for (int d = 30; d < 120; ++d) {
        total += count_on_day(d);
    }
    return total;
}

int missing_on(int d) {
    return d < 60 ? 1 : 0;
}

int other_on(int d) {
    return d % 2 == 0 ? 1 : 0;
}

} // namespace

TEST_CASE_FIXTURE(Fixture, "report: the period holds 90 days and the known causes") {
    CHECK(history.days.size() == 90);
    CHECK(core::format_date(history.from, history.zone) == "2026-04-02");
    CHECK(history.period.overall.total == 900);
    const int missing = expected(missing_on);
    const int other = expected(other_on);
    int unscanned = 0;
    // Unscanned orders confirmed less than 7 days before `now` are still pending.
    for (int d = 30; d <= 115; ++d) {
        unscanned += d % 3 == 0 ? 1 : 0;
    }
    CHECK(history.period.overall.pending == 1);
    CHECK(missing == 30);
    REQUIRE(history.causes.size() == 3);
    CHECK(history.causes[0].cause == report::Cause::carrier_not_integrated);
    CHECK(history.causes[0].count == other);
    CHECK(history.causes[1].count == missing);
    CHECK(history.causes[2].cause == report::Cause::never_scanned);
    CHECK(history.causes[2].count == unscanned);
    CHECK(history.failing.size() == static_cast<std::size_t>(missing + other + unscanned));
    CHECK(core::format_date(history.causes[1].last, history.zone) == "2026-05-01");
}

TEST_CASE_FIXTURE(Fixture, "report: failing-orders.csv has one row per failing order") {
    const auto csv = report::failing_orders_csv(history);
    CHECK(test::count_of(csv, "\r\n") == history.failing.size() + 1);
    CHECK(csv.starts_with("order_id,marketplace,category,deliver_by,ship_confirmed_at,"));
    CHECK(test::count_of(csv, ",tracking_missing,") == 30);
    CHECK(test::count_of(csv, ",carrier_not_integrated,") == history.causes[0].count);
    CHECK(csv.find("113-0030-0000,amazon.com,toys,2026-04-02T12:00:00Z,2026-03-30T12:00:00Z,,UPS,,"
                   "tracking_missing,")
          != std::string::npos);
}

TEST_CASE_FIXTURE(Fixture, "report: failing-orders.csv never holds a cell a spreadsheet runs") {
    // Order ids, carriers and numbers come from sellers' files and carrier answers.
    auto& failing = history.failing.front().shipment;
    failing.order_id = "=HYPERLINK(\"http://x\",\"y\")";
    failing.carrier = "+SUM(A1)";
    failing.tracking_number = "@cmd";
    failing.category = "-2+3";
    const auto csv = report::failing_orders_csv(history);
    CHECK(csv.find("\r\n\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",") != std::string::npos);
    CHECK(csv.find(",'+SUM(A1),'@cmd,") != std::string::npos);
    CHECK(csv.find(",'-2+3,") != std::string::npos);
    CHECK(csv.find(",=") == std::string::npos);
    CHECK(csv.find(",+") == std::string::npos);
    CHECK(csv.find(",@") == std::string::npos);
}

TEST_CASE_FIXTURE(Fixture,
                  "report: the plan ranks the causes with their share and says it is a draft") {
    const auto plan = report::plan_of_action(history);
    CHECK(plan.find("DRAFT") != std::string::npos);
    CHECK(plan.find("Do not send it as it is") != std::string::npos);
    const auto total = static_cast<double>(history.period.overall.not_valid);
    const auto row = fmt::format("| 1 | Carrier not integrated | {} | {:.1f}% |",
                                 history.causes[0].count,
                                 100.0 * static_cast<double>(history.causes[0].count) / total);
    CHECK(plan.find(row) != std::string::npos);
    CHECK(plan.find("| 2 | Tracking missing | 30 |") != std::string::npos);
    // Tracking missing stopped after 2026-05-01; the others still occur.
    CHECK(plan.find("no new case after 2026-05-01") != std::string::npos);
    CHECK(test::count_of(plan, "still occurred") == 2);
}

TEST_CASE_FIXTURE(Fixture, "report: the page has a point per day and a bar per cause") {
    const auto html = report::report_html(history);
    CHECK(test::count_of(html, "class=\"rate-point\"") == 90);
    CHECK(test::count_of(html, "class=\"cause-bar\"") == 3);
    // Self-contained: the only URLs are the SVG namespace.
    CHECK(test::count_of(html, "http") == test::count_of(html, "http://www.w3.org/2000/svg"));
    CHECK(test::count_of(html, "src=") == 0);
    CHECK(test::count_of(html, "<tr><td>113-") == history.failing.size());
}

TEST_CASE("report: no shipments makes an empty but valid pack") {
    const auto now = at("2026-06-30T23:00:00Z");
    const std::vector<report::Shipment> none;
    const auto history =
        report::build_history(none, config::default_marketplaces(), now, 90, 24h * 30);
    CHECK(report::report_html(history).find("rate-point") == std::string::npos);
    CHECK(report::plan_of_action(history).find("No shipment without valid tracking")
          != std::string::npos);
    CHECK(report::failing_orders_csv(history).find("\r\n") + 2
          == report::failing_orders_csv(history).size());
}

TEST_CASE("report: a shipment late on March 1 in UTC is on March 2 at +08:00") {
    const auto now = at("2026-03-05T12:00:00Z");
    // Order 3 of a generated day is valid; this one is never scanned.
    std::vector<report::Shipment> shipments{test::generated_history(now, 1, 4).at(3)};
    auto& late = shipments.front();
    late.order_id = "113-late";
    late.deliver_by = at("2026-03-01T17:00:00Z"); // 01:00 on March 2 in Shanghai
    late.ship_confirmed_at = at("2026-02-20T17:00:00Z");
    late.first_scan_at.reset();
    const auto policies = config::default_marketplaces();
    const auto day_holding = [](const report::History& history) {
        for (const auto& day : history.days) {
            if (day.window.total > 0) {
                return core::format_date(day.day, history.zone);
            }
        }
        return std::string("none");
    };
    const auto utc = report::build_history(shipments, policies, now, 10, 24h);
    const auto shanghai =
        report::build_history(shipments, policies, now, 10, 24h, core::TimeZone::fixed(8h));
    CHECK(day_holding(utc) == "2026-03-01");
    CHECK(day_holding(shanghai) == "2026-03-02");
    CHECK(utc.from == at("2026-02-24T00:00:00Z"));
    CHECK(shanghai.from == at("2026-02-23T16:00:00Z"));
    CHECK(core::format_date(shanghai.days.back().day, shanghai.zone) == "2026-03-05");

    // Every time shown carries the zone: the page, the CSV and the plan.
    const auto html = report::report_html(shanghai);
    CHECK(html.find("days and times in UTC+08:00") != std::string::npos);
    CHECK(html.find("<td>2026-03-02T01:00:00+08:00</td>") != std::string::npos);
    const auto csv = report::failing_orders_csv(shanghai);
    CHECK(csv.find("113-late,amazon.com,toys,2026-03-02T01:00:00+08:00,") != std::string::npos);
    CHECK(report::failing_orders_csv(utc).find("113-late,amazon.com,toys,2026-03-01T17:00:00Z,")
          != std::string::npos);
    const auto plan = report::plan_of_action(shanghai);
    CHECK(plan.find("Period: 2026-02-24 to 2026-03-05, by promised delivery date; days and "
                    "times in UTC+08:00.")
          != std::string::npos);
    CHECK(plan.find("| 1 | Label created, never scanned | 1 | 100.0% | 2026-03-02 | 2026-03-02 |")
          != std::string::npos);
}

TEST_CASE("report: the page says when it lists only the first failing orders") {
    const auto now = at("2026-06-30T23:00:00Z");
    auto shipments = test::generated_history(now, 60, 40);
    for (auto& shipment : shipments) {
        shipment.tracking_number.clear();
    }
    const auto history =
        report::build_history(shipments, config::default_marketplaces(), now, 60, 24h);
    REQUIRE(history.failing.size() > report::k_html_failing_rows);
    const auto html = report::report_html(history);
    CHECK(test::count_of(html, "<tr><td>113-") == report::k_html_failing_rows);
    CHECK(html.find(fmt::format("{} orders without valid tracking; the first {} are listed here, "
                                "failing-orders.csv has all {}",
                                history.failing.size(),
                                report::k_html_failing_rows,
                                history.failing.size()))
          != std::string::npos);
}

TEST_CASE("report: numbers on two orders are found while shipments stream past") {
    const auto now = at("2026-06-30T23:00:00Z");
    auto shipments = test::generated_history(now, 120, 10);
    const auto policies = config::default_marketplaces();
    // Day 100's valid order 5 reuses day 101's order 6 (also valid); day 102's unscanned order
    // 2 (never scanned) reuses day 10's order 4, which lies before the period, in the window
    // the first days need; a cancelled order's number is nobody's.
    const auto order = [&](int day, int n) -> report::Shipment& {
        return shipments.at(static_cast<std::size_t>(day * 10 + n));
    };
    order(100, 5).tracking_key = order(101, 6).tracking_key;
    order(102, 2).tracking_key = order(10, 4).tracking_key;
    order(103, 7).tracking_key = order(104, 7).tracking_key;
    order(103, 7).is_cancelled = true;

    const auto history = report::build_history(shipments, policies, now, 90, 24h * 30);
    // The same as judging them all at once.
    const auto outcomes = report::evaluate_all(shipments, policies, now);
    const auto all_at_once = report::summarize(shipments, outcomes, history.from, history.to);
    CHECK(history.period.overall.causes == all_at_once.overall.causes);
    CHECK(history.period.overall.valid == all_at_once.overall.valid);
    CHECK(history.period.overall.total == all_at_once.overall.total);
    const auto reused = static_cast<std::size_t>(report::Cause::number_reused);
    CHECK(history.period.overall.causes.at(reused) == 3);
    CHECK(history.days.back().window.causes.at(reused) == 3);
    std::vector<std::string> listed;
    for (const auto& failing : history.failing) {
        if (failing.cause == report::Cause::number_reused) {
            listed.push_back(failing.shipment.order_id);
            CHECK(failing.evidence.find("is on another order") != std::string::npos);
        }
    }
    CHECK(listed == std::vector<std::string>{"113-0100-0005", "113-0101-0006", "113-0102-0002"});
}
