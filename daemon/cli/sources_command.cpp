#include "commands.hpp"
#include "store_options.hpp"

#include <vtrguard/cli/exit_codes.hpp>
#include <vtrguard/core/text.hpp>
#include <vtrguard/core/time.hpp>
#include <vtrguard/http/curl_client.hpp>
#include <vtrguard/service/log.hpp>
#include <vtrguard/sources/account_poller.hpp>
#include <vtrguard/sources/mismatch.hpp>
#include <vtrguard/sources/order_mapping.hpp>
#include <vtrguard/tracking/lookup_scheduler.hpp>

#include <fmt/format.h>

#include <cstdio>
#include <memory>

namespace vtrguard::cli {

namespace {

struct SourcesOptions {
    StoreOptions store;
    std::string format = "text";
    std::string name; // poll: one account, or all when empty
};

std::string time_text(const std::optional<core::TimePoint>& time) {
    return time ? core::format_instant(*time) : std::string();
}

std::string state_of(const std::optional<store::SourceStatus>& status) {
    if (!status) {
        return "never polled";
    }
    if (status->last_error.starts_with("paused:")) {
        return "paused";
    }
    return status->last_error.empty() ? "ok" : "error";
}

// The stored state of `source` for `marketplace`, if it was ever polled.
std::optional<store::SourceStatus> find_status(const std::vector<store::SourceStatus>& statuses,
                                               const std::string& source,
                                               const std::string& marketplace) {
    for (const auto& status : statuses) {
        if (status.source == source && status.marketplace == marketplace) {
            return status;
        }
    }
    return std::nullopt;
}

std::string sources_json(const config::Config& config,
                         const std::vector<store::SourceStatus>& statuses) {
    std::string out = "{\"sources\":[";
    bool is_first = true;
    for (const auto& source : config.sources) {
        out += is_first ? "" : ",";
        is_first = false;
        out += "{\"name\":";
        core::append_json_string(out, source.name);
        out += ",\"region\":";
        core::append_json_string(out, source.region);
        out += ",\"base_url\":";
        core::append_json_string(out, source.base_url);
        out += ",\"marketplaces\":[";
        for (std::size_t i = 0; i < source.marketplace_ids.size(); ++i) {
            const auto& marketplace = source.marketplace_ids[i];
            const auto status =
                find_status(statuses, sources::source_key(source.name), marketplace);
            out += i == 0 ? "{" : ",{";
            out += "\"marketplace_id\":";
            core::append_json_string(out, marketplace);
            out += ",\"state\":";
            core::append_json_string(out, state_of(status));
            for (const auto& [key, value] :
                 {std::pair<const char*, std::string>{
                      "last_poll", status ? time_text(status->last_poll_at) : ""},
                  {"watermark", status ? time_text(status->watermark) : ""},
                  {"last_error", status ? status->last_error : ""}}) {
                fmt::format_to(std::back_inserter(out), ",\"{}\":", key);
                if (value.empty()) {
                    out += "null";
                } else {
                    core::append_json_string(out, value);
                }
            }
            fmt::format_to(
                std::back_inserter(out), ",\"orders_seen\":{}}}", status ? status->orders_seen : 0);
        }
        out += "]}";
    }
    out += "]}\n";
    return out;
}

std::string sources_text(const config::Config& config,
                         const std::vector<store::SourceStatus>& statuses) {
    if (config.sources.empty()) {
        return "no sources configured (see docs/sources.md)\n";
    }
    std::string out = fmt::format("{:<16} {:<15} {:<12} {:<21} {:<21} {:>11}  {}\n",
                                  "source",
                                  "marketplace",
                                  "state",
                                  "last poll",
                                  "watermark",
                                  "orders seen",
                                  "last error");
    for (const auto& source : config.sources) {
        for (const auto& marketplace : source.marketplace_ids) {
            const auto status =
                find_status(statuses, sources::source_key(source.name), marketplace);
            fmt::format_to(std::back_inserter(out),
                           "{:<16} {:<15} {:<12} {:<21} {:<21} {:>11}  {}\n",
                           source.name,
                           marketplace,
                           state_of(status),
                           status ? time_text(status->last_poll_at) : "-",
                           status ? time_text(status->watermark) : "-",
                           status ? status->orders_seen : 0,
                           status ? core::printable(status->last_error) : "");
        }
    }
    return out;
}

int run_list(const SourcesOptions& options) {
    auto config = effective_config(options.store);
    if (!config) {
        return report_error("sources", config.error());
    }
    auto store = open_store(*config);
    if (!store) {
        return report_error("sources", store.error());
    }
    auto statuses = store->source_statuses();
    if (!statuses) {
        return report_error("sources", statuses.error());
    }
    const auto out = options.format == "json" ? sources_json(*config, *statuses)
                                              : sources_text(*config, *statuses);
    std::fwrite(out.data(), 1, out.size(), stdout);
    std::fflush(stdout);
    return k_exit_ok;
}

int run_poll(const SourcesOptions& options) {
    auto config = effective_config(options.store);
    if (!config) {
        return report_error("sources poll", config.error());
    }
    std::vector<sources::SourceSettings> chosen;
    for (const auto& source : config->sources) {
        if (options.name.empty() || source.name == options.name) {
            chosen.push_back(source);
        }
    }
    if (chosen.empty()) {
        return report_error(
            "sources poll",
            options.name.empty()
                ? Error{ErrorCode::config, "no sources configured (see docs/sources.md)"}
                : Error{ErrorCode::usage, fmt::format("no source is named {}", options.name)});
    }
    auto store = open_store(*config);
    if (!store) {
        return report_error("sources poll", store.error());
    }
    auto log = service::Log::open(config->log);
    if (!log) {
        return report_error("sources poll", log.error());
    }
    boost::asio::io_context io;
    http::CurlClient client(io.get_executor(), tracking::curl_options(config->carriers));
    const core::SystemClock clock;
    bool has_failed = false;
    std::vector<std::shared_ptr<sources::AccountPoller>> pollers;
    for (const auto& settings : chosen) {
        auto poller = std::make_shared<sources::AccountPoller>(io.get_executor(),
                                                               settings,
                                                               client,
                                                               *store,
                                                               config->rules,
                                                               clock,
                                                               (*log)->component_logger());
        poller->poll_once(
            {}, [&has_failed, name = settings.name](const sources::PollOutcome& done) {
                has_failed = has_failed || done.is_paused || done.failed_marketplaces > 0;
                fmt::print("{}: {} requests, {} orders received, {} changed{}\n",
                           name,
                           done.requests,
                           done.orders,
                           done.orders_changed,
                           done.is_paused ? ", paused (LWA refused the credentials)"
                           : done.failed_marketplaces > 0
                               ? fmt::format(", {} marketplaces failed", done.failed_marketplaces)
                               : "");
                std::fflush(stdout);
            });
        pollers.push_back(std::move(poller));
    }
    io.run();
    auto mismatches = sources::check_mismatches(*store, config->ruleset(), clock.now());
    if (!mismatches) {
        return report_error("sources poll", mismatches.error());
    }
    for (const auto& event : *mismatches) {
        (*log)->write(event.is_raised ? spdlog::level::err : spdlog::level::info,
                      sources::mismatch_line(event));
    }
    return has_failed ? k_exit_runtime : k_exit_ok;
}

} // namespace

void add_sources_command(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<SourcesOptions>();
    auto* command = app.add_subcommand(
        "sources",
        "List the order sources (Amazon seller accounts) and their state: last poll, "
        "watermark, orders seen, last error.\nExit 0; 3: configuration; 4: runtime.");
    add_store_options(*command, options->store);
    command->add_option("--format", options->format, "Output: text or json")
        ->check(CLI::IsMember({"text", "json"}));
    auto poll_options = std::make_shared<SourcesOptions>();
    auto* poll = command->add_subcommand(
        "poll",
        "Poll the sources once (all, or the one named) and exit: for cron and for trying a "
        "configuration.\nExit 0: every marketplace polled; 2: no such source; 3: "
        "configuration; 4: a poll failed or an account is paused.");
    add_store_options(*poll, poll_options->store);
    poll->add_option("name", poll_options->name, "The source to poll (default: all)");
    poll->callback([options, poll_options, &exit_code] {
        // `sources --config F poll` and `sources poll --config F` both work.
        if (poll_options->store.config_file.empty()) {
            poll_options->store.config_file = options->store.config_file;
        }
        if (poll_options->store.database.empty()) {
            poll_options->store.database = options->store.database;
        }
        exit_code = run_poll(*poll_options);
    });
    command->callback([options, poll, &exit_code] {
        if (poll->parsed()) {
            return;
        }
        exit_code = run_list(*options);
    });
}

} // namespace vtrguard::cli
