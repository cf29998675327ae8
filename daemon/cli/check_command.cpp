#include "commands.hpp"
#include "store_options.hpp"

#include <vtrguard/alerts/event.hpp>
#include <vtrguard/alerts/sweeper.hpp>
#include <vtrguard/carriers/ruleset.hpp>
#include <vtrguard/carriers/validator.hpp>
#include <vtrguard/cli/exit_codes.hpp>
#include <vtrguard/core/text.hpp>
#include <vtrguard/core/time.hpp>

#include <fmt/format.h>

#include <cstdio>
#include <memory>

namespace vtrguard::cli {

namespace {

struct CheckOptions {
    StoreOptions store;
    std::string format = "text";
};

// A ship-by outside the supported years (written straight into the table) counts as none:
// INT64_MIN minus now would overflow.
std::optional<core::TimePoint> usable_ship_by(const store::Order& order) {
    if (!order.ship_by
        || !core::is_supported_unix_time(order.ship_by->time_since_epoch().count())) {
        return std::nullopt;
    }
    return order.ship_by;
}

std::string minutes_left_text(const store::Order& order, core::TimePoint now) {
    const auto ship_by = usable_ship_by(order);
    if (!ship_by) {
        return "null";
    }
    return fmt::format("{}",
                       std::chrono::duration_cast<std::chrono::minutes>(*ship_by - now).count());
}

void append_json(std::string& out, const store::AlertRecord& record, core::TimePoint now) {
    const auto& order = record.order;
    const auto field = [&out](std::string_view key, std::string_view value) {
        fmt::format_to(std::back_inserter(out), ",\"{}\":", key);
        core::append_json_string(out, value);
    };
    out.append(std::string_view("{\"order_id\":"));
    core::append_json_string(out, order.order_id);
    field("condition", alerts::condition_name(record.alert.condition));
    field("level", alerts::level_name(record.alert.level));
    field("code", alerts::event_code(record.alert.condition));
    if (const auto ship_by = usable_ship_by(order)) {
        field("ship_by", core::format_instant(*ship_by));
    } else {
        out.append(std::string_view(",\"ship_by\":null"));
    }
    fmt::format_to(std::back_inserter(out), ",\"minutes_left\":{}", minutes_left_text(order, now));
    field("tracking_number", order.tracking_number);
    field("carrier", order.carrier);
    field("detail", record.detail);
    field("action", alerts::event_action(record.alert.condition));
    out.append(std::string_view("}\n"));
}

void append_text(std::string& out, const store::AlertRecord& record, core::TimePoint now) {
    const auto& order = record.order;
    fmt::format_to(std::back_inserter(out),
                   "{:<8} {} {} ship_by={} minutes_left={} carrier={} tracking={}: {}\n",
                   alerts::level_name(record.alert.level),
                   core::printable(order.order_id),
                   alerts::condition_name(record.alert.condition),
                   usable_ship_by(order) ? core::format_instant(*usable_ship_by(order)) : "-",
                   minutes_left_text(order, now),
                   order.carrier.empty() ? "-" : core::printable(order.carrier),
                   order.tracking_number.empty() ? "-" : core::printable(order.tracking_number),
                   core::printable(record.detail));
}

int run_check(const CheckOptions& options) {
    auto config = effective_config(options.store);
    if (!config) {
        return report_error("check", config.error());
    }
    auto store = open_store(*config);
    if (!store) {
        return report_error("check", store.error());
    }
    const carriers::Validator validator(config->ruleset());
    alerts::Sweeper sweeper(*store, *config, validator);
    const core::SystemClock clock;
    const auto now = clock.now();
    // The sweep is only looked at, never kept: alerts it stored as raised would be ones the
    // daemon never logs, and the daemon's log is the alert channel (docs/cli.md).
    auto look = store::Transaction::begin(*store);
    if (!look) {
        return report_error("check", look.error());
    }
    auto swept = sweeper.sweep(now);
    if (!swept) {
        return report_error("check", swept.error());
    }
    auto at_risk = store->open_alerts();
    if (!at_risk) {
        return report_error("check", at_risk.error());
    }
    store->rollback();
    std::string out;
    for (const auto& record : *at_risk) {
        if (options.format == "json") {
            append_json(out, record, now);
        } else {
            append_text(out, record, now);
        }
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
    std::fflush(stdout);
    return at_risk->empty() ? k_exit_ok : k_exit_findings;
}

} // namespace

void add_check_command(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<CheckOptions>();
    auto* command = app.add_subcommand(
        "check",
        "Run one sweep and print the orders at risk, one line per order and condition.\n"
        "Exit 0: none at risk; 1: some at risk; 2: usage; 3: configuration; 4: runtime.");
    add_store_options(*command, options->store);
    command->add_option("--format", options->format, "Output: text or json (one object per line)")
        ->check(CLI::IsMember({"text", "json"}));
    command->callback([options, &exit_code] { exit_code = run_check(*options); });
}

} // namespace vtrguard::cli
