#include "online_lookup.hpp"

#include <vtrguard/carriers/json_guard.hpp>
#include <vtrguard/cli/exit_codes.hpp>
#include <vtrguard/core/text.hpp>
#include <vtrguard/http/curl_client.hpp>
#include <vtrguard/tracking/lookup_scheduler.hpp>
#include <vtrguard/tracking/tracker.hpp>

#include <fmt/chrono.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

namespace vtrguard::cli {

namespace {

std::string iso_time(carriers::UnixSeconds seconds) {
    return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}",
                       std::chrono::sys_seconds{std::chrono::seconds{seconds}});
}

std::shared_ptr<spdlog::logger> stderr_logger() {
    auto logger = std::make_shared<spdlog::logger>(
        "vtrguard", std::make_shared<spdlog::sinks::stderr_sink_mt>());
    logger->set_pattern("%l %v");
    logger->set_level(spdlog::level::warn);
    return logger;
}

} // namespace

Result<tracking::TrackingSettings> load_tracking_settings(const std::string& path) {
    if (path.empty()) {
        return tracking::default_tracking_settings();
    }
    std::error_code folder_error;
    if (std::filesystem::is_directory(path, folder_error)) {
        return fail(ErrorCode::config,
                    fmt::format("{}: is a folder, not a configuration file", path));
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return fail(ErrorCode::config, fmt::format("{}: cannot read the file", path));
    }
    std::ostringstream text;
    text << in.rdbuf();
    const auto content = text.str();
    rapidjson::Document document;
    document.Parse<carriers::json_guard::k_parse_flags | rapidjson::kParseCommentsFlag
                   | rapidjson::kParseTrailingCommasFlag>(content.data(), content.size());
    if (document.HasParseError()) {
        return fail(ErrorCode::config,
                    fmt::format("{}: byte {}: {}",
                                path,
                                document.GetErrorOffset(),
                                rapidjson::GetParseError_En(document.GetParseError())));
    }
    if (!document.IsObject()) {
        return fail(ErrorCode::config, fmt::format("{}: must hold a JSON object", path));
    }
    if (auto problem = carriers::json_guard::find_shape_problem(document)) {
        return fail(ErrorCode::config, fmt::format("{}: {}", path, *problem));
    }
    const auto found = document.FindMember("carriers");
    if (found == document.MemberEnd()) {
        return tracking::default_tracking_settings();
    }
    auto settings = tracking::parse_carrier_settings(found->value);
    if (!settings) {
        return fail(ErrorCode::config, fmt::format("{}: {}", path, settings.error().message));
    }
    return settings;
}

std::vector<tracking::Lookup> look_up(const tracking::TrackingSettings& settings,
                                      const std::vector<std::string>& numbers,
                                      const std::string& declared,
                                      const carriers::Ruleset& rules) {
    boost::asio::io_context io;
    http::CurlClient client(io.get_executor(), tracking::curl_options(settings));
    const core::SystemClock clock;
    tracking::Tracker tracker(io.get_executor(), client, settings, clock, stderr_logger(), rules);
    std::vector<tracking::Lookup> answers(numbers.size());
    for (std::size_t i = 0; i < numbers.size(); ++i) {
        tracker.track(numbers[i], declared, [&answers, i](tracking::Lookup lookup) {
            answers[i] = std::move(lookup);
        });
    }
    io.run();
    return answers;
}

void write_lookup_text(std::string& out, const tracking::Lookup& lookup) {
    const auto carrier = lookup.carrier.empty() ? std::string("-") : lookup.carrier;
    auto it = std::back_inserter(out);
    fmt::format_to(it, "{}  {}  ", core::printable(lookup.number), carrier);
    switch (lookup.outcome) {
    case tracking::LookupOutcome::tracked: {
        const auto& result = lookup.result;
        fmt::format_to(it,
                       "{}  physical scan: {}",
                       carriers::track_status_name(result.status),
                       result.has_physical_scan ? "yes" : "no");
        if (result.first_scan) {
            fmt::format_to(it, " (first {})", iso_time(*result.first_scan));
        }
        fmt::format_to(it, "  events: {}  via {}\n", result.events.size(), lookup.api);
        break;
    }
    case tracking::LookupOutcome::format_only:
        fmt::format_to(it, "format checks only (no carrier credentials configured)\n");
        break;
    default:
        fmt::format_to(it,
                       "{}: {}\n",
                       tracking::lookup_outcome_name(lookup.outcome),
                       core::printable(lookup.detail));
        break;
    }
}

void write_lookup_json(std::string& out, const tracking::Lookup& lookup) {
    auto it = std::back_inserter(out);
    const auto field = [&](std::string_view name, std::string_view value) {
        fmt::format_to(it, "\"{}\":", name);
        core::append_json_string(out, value);
        fmt::format_to(it, ",");
    };
    fmt::format_to(it, "{{");
    field("number", lookup.number);
    field("carrier", lookup.carrier);
    field("api", lookup.api);
    field("outcome", tracking::lookup_outcome_name(lookup.outcome));
    if (lookup.outcome == tracking::LookupOutcome::tracked) {
        const auto& result = lookup.result;
        field("status", carriers::track_status_name(result.status));
        fmt::format_to(it, "\"has_physical_scan\":{},", result.has_physical_scan);
        if (result.first_scan) {
            field("first_scan", iso_time(*result.first_scan));
        }
        fmt::format_to(it, "\"events\":[");
        bool is_first = true;
        for (const auto& event : result.events) {
            fmt::format_to(it, "{}{{", is_first ? "" : ",");
            is_first = false;
            if (event.time) {
                field("time", iso_time(*event.time));
            }
            field("code", event.code);
            field("description", event.description);
            field("location", event.location);
            fmt::format_to(it, "\"is_physical\":{}}}", event.is_physical);
        }
        fmt::format_to(it, "],");
    } else {
        field("detail", lookup.detail);
    }
    fmt::format_to(it, "\"attempts\":{}}}\n", lookup.attempts);
}

int run_online(const std::vector<std::string>& numbers,
               const std::string& declared,
               const std::string& config_path,
               bool is_json,
               const carriers::Ruleset& rules) {
    auto settings = load_tracking_settings(config_path);
    if (!settings) {
        fmt::print(stderr, "vtrguard: {}\n", settings.error().message);
        return k_exit_config;
    }
    const auto answers = look_up(*settings, numbers, declared, rules);
    std::string out;
    bool is_unreachable = false;
    bool is_at_risk = false;
    for (const auto& answer : answers) {
        if (is_json) {
            write_lookup_json(out, answer);
        } else {
            write_lookup_text(out, answer);
        }
        using tracking::LookupOutcome;
        is_unreachable = is_unreachable || answer.outcome == LookupOutcome::unreachable
                         || answer.outcome == LookupOutcome::cancelled;
        const bool is_unscanned =
            answer.outcome == LookupOutcome::tracked && !answer.result.has_physical_scan;
        is_at_risk = is_at_risk || is_unscanned || answer.outcome == LookupOutcome::invalid_format
                     || answer.outcome == LookupOutcome::forbidden
                     || answer.outcome == LookupOutcome::rejected;
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
    std::fflush(stdout);
    if (is_unreachable) {
        return k_exit_runtime;
    }
    return is_at_risk ? k_exit_findings : k_exit_ok;
}

} // namespace vtrguard::cli
