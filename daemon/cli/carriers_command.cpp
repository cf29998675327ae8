#include "commands.hpp"
#include "rules_options.hpp"

#include <vtrguard/carriers/check_digits.hpp>
#include <vtrguard/carriers/ruleset.hpp>
#include <vtrguard/cli/exit_codes.hpp>
#include <vtrguard/core/text.hpp>

#include <fmt/core.h>
#include <fmt/format.h>

#include <iterator>
#include <memory>
#include <string>

namespace vtrguard::cli {

namespace {

bool is_check_verified(const carriers::CarrierSpec& carrier) {
    for (const auto& format : carrier.formats) {
        if (format.check.algorithm != carriers::CheckAlgorithm::none) {
            return true;
        }
    }
    return false;
}

void print_text(const carriers::Ruleset& rules) {
    for (const auto& carrier : rules.carriers()) {
        fmt::print("{:<14} {}  (check digit: {}; marketplace names: {})\n",
                   carrier.code,
                   carrier.name,
                   is_check_verified(carrier) ? "verified" : "none published, format only",
                   carrier.marketplace_names.empty()
                       ? std::string("none")
                       : fmt::format("{}", fmt::join(carrier.marketplace_names, ", ")));
        for (const auto& format : carrier.formats) {
            fmt::print("    {:<26} {:<40} {}\n",
                       format.id,
                       format.pattern,
                       carriers::algorithm_name(format.check.algorithm));
        }
    }
}

void print_json(const carriers::Ruleset& rules) {
    std::string out;
    for (const auto& carrier : rules.carriers()) {
        out.append("{\"code\":");
        core::append_json_string(out, carrier.code);
        out.append(",\"name\":");
        core::append_json_string(out, carrier.name);
        out.append(",\"marketplace_names\":[");
        for (std::size_t i = 0; i < carrier.marketplace_names.size(); ++i) {
            out.append(i == 0 ? "" : ",");
            core::append_json_string(out, carrier.marketplace_names[i]);
        }
        out.append("],\"tracking_url\":");
        core::append_json_string(out, carrier.tracking_url);
        fmt::format_to(std::back_inserter(out),
                       ",\"check_digit_verified\":{},\"formats\":[",
                       is_check_verified(carrier));
        bool is_first = true;
        for (const auto& format : carrier.formats) {
            out.append(is_first ? "{\"id\":" : ",{\"id\":");
            is_first = false;
            core::append_json_string(out, format.id);
            out.append(",\"service\":");
            core::append_json_string(out, format.service);
            out.append(",\"pattern\":");
            core::append_json_string(out, format.pattern);
            out.append(",\"check\":");
            core::append_json_string(out, carriers::algorithm_name(format.check.algorithm));
            out.push_back('}');
        }
        out.append("]}\n");
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
}

} // namespace

void add_carriers_command(CLI::App& app, int& exit_code) {
    auto format = std::make_shared<std::string>("text");
    auto rules_dir = std::make_shared<std::string>();
    auto* command = app.add_subcommand("carriers", "List the carriers, their codes and formats");
    command->add_option("--format", *format, "Output: text or json (one object per line)")
        ->check(CLI::IsMember({"text", "json"}));
    add_rules_option(*command, *rules_dir);
    command->callback([format, rules_dir, &exit_code] {
        const auto loaded = load_rules(*rules_dir);
        if (!loaded) {
            fmt::print(stderr, "vtrguard carriers: {}\n", loaded.error().message);
            exit_code = k_exit_usage;
            return;
        }
        const auto& rules = *loaded;
        if (*format == "json") {
            print_json(rules);
        } else {
            print_text(rules);
        }
        exit_code = k_exit_ok;
    });
}

} // namespace vtrguard::cli
