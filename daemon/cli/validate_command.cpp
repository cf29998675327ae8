#include "commands.hpp"
#include "number_feed.hpp"
#include "number_source.hpp"
#include "online_lookup.hpp"
#include "rules_options.hpp"
#include "verdict_writer.hpp"

#include <vtrguard/carriers/ruleset.hpp>
#include <vtrguard/carriers/validator.hpp>
#include <vtrguard/cli/exit_codes.hpp>
#include <vtrguard/config/config.hpp>
#include <vtrguard/core/encoding.hpp>
#include <vtrguard/core/text_stream.hpp>

#include <fmt/core.h>

#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace vtrguard::cli {

namespace {

struct ValidateOptions {
    std::vector<std::string> numbers;
    std::string file;
    std::string carrier;
    std::string format = "text";
    bool is_online = false;
    std::string config;
    std::string rules_dir;
    std::string encoding;
};

constexpr std::size_t k_flush_bytes = std::size_t{1} << 20;

void flush(std::string& out) {
    std::fwrite(out.data(), 1, out.size(), stdout);
    out.clear();
}

std::string known_codes(const carriers::Ruleset& rules) {
    std::string codes;
    for (const auto& carrier : rules.carriers()) {
        codes += codes.empty() ? "" : ", ";
        codes += carrier.code;
    }
    return codes;
}

int run_validate(const ValidateOptions& options) {
    // The carriers: the built-in ones plus the rule files of --config's `rules_dir`, or of
    // --rules DIR, which takes its place (as --db does the database's).
    std::optional<config::Config> config;
    if (!options.config.empty()) {
        auto read = config::load_file(options.config);
        if (!read) {
            fmt::print(stderr, "vtrguard validate: {}\n", read.error().message);
            return exit_code_for(read.error().code);
        }
        config = std::move(*read);
    }
    std::optional<carriers::Ruleset> from_option;
    if (!options.rules_dir.empty()) {
        auto loaded = load_rules(options.rules_dir);
        if (!loaded) {
            fmt::print(stderr, "vtrguard validate: {}\n", loaded.error().message);
            return k_exit_usage;
        }
        from_option = std::move(*loaded);
    }
    const auto& rules =
        from_option ? *from_option : (config ? config->ruleset() : carriers::Ruleset::builtin());
    std::optional<carriers::CarrierId> declared;
    if (!options.carrier.empty()) {
        declared = rules.find_carrier(options.carrier);
        if (!declared) {
            fmt::print(stderr,
                       "vtrguard validate: --carrier: unknown carrier \"{}\"; known: {}\n",
                       options.carrier,
                       known_codes(rules));
            return k_exit_usage;
        }
    }
    static const std::map<std::string, OutputFormat> k_formats{
        {"text", OutputFormat::text}, {"json", OutputFormat::json}, {"csv", OutputFormat::csv}};

    std::optional<core::Encoding> encoding;
    if (!options.encoding.empty()) {
        encoding = core::parse_encoding(options.encoding);
        if (!encoding) {
            fmt::print(stderr,
                       "vtrguard validate: --encoding: unknown encoding \"{}\"; known: utf-8, "
                       "utf-16, utf-16le, utf-16be, gb18030, latin1\n",
                       options.encoding);
            return k_exit_usage;
        }
    }
    const bool reads_input = !options.file.empty() || options.numbers.empty();
    const std::string path = options.file.empty() ? "-" : options.file;
    InputFile input(path);
    if (reads_input && !input.is_open()) {
        fmt::print(stderr, "vtrguard validate: {}: cannot open: {}\n", path, input.open_error());
        return k_exit_usage;
    }
    std::unique_ptr<core::TextStreambuf> text;
    if (reads_input) {
        auto opened = core::TextStreambuf::open(input.buffer(), encoding, input.name());
        if (!opened) {
            fmt::print(stderr, "vtrguard validate: {}\n", opened.error().message);
            return k_exit_usage;
        }
        text = std::move(*opened);
    }
    NumberFeed feed(text.get(), options.numbers, input.name());

    if (options.is_online) {
        std::vector<std::string> numbers;
        NumberLine number;
        while (feed.next(number)) {
            numbers.push_back(std::move(number.text));
        }
        if (feed.has_problems() || input.read_error() != 0) {
            return k_exit_usage;
        }
        return run_online(
            numbers, options.carrier, options.config, options.format == "json", rules);
    }
    const carriers::Validator validator(rules);
    const VerdictWriter writer(k_formats.at(options.format), rules);
    std::string out;
    out.reserve(k_flush_bytes + 4096);
    writer.begin(out);
    bool is_all_valid = true;
    std::size_t count = 0;
    NumberLine number;
    while (feed.next(number)) {
        ++count;
        auto verdict = validator.validate(number.text, declared);
        if (!verdict.is_valid()) {
            validator.suggest_typo_fix(verdict);
        }
        is_all_valid = is_all_valid && verdict.is_valid();
        writer.write(out, number.text, verdict);
        if (out.size() >= k_flush_bytes) {
            flush(out);
        }
    }
    flush(out);
    std::fflush(stdout);
    if (input.read_error() != 0) {
        fmt::print(stderr,
                   "vtrguard validate: {}: cannot read: {}\n",
                   input.name(),
                   std::strerror(input.read_error()));
        return k_exit_usage;
    }
    if (feed.has_problems()) {
        return k_exit_usage;
    }
    if (count == 0) {
        fmt::print(stderr,
                   "vtrguard validate: no numbers to check in {} (blank lines and # comments "
                   "only, or nothing at all)\n",
                   input.name());
        return k_exit_usage;
    }
    return is_all_valid ? k_exit_ok : k_exit_findings;
}

} // namespace

void add_validate_command(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<ValidateOptions>();
    auto* command =
        app.add_subcommand("validate",
                           "Check tracking numbers against carrier formats and check digits.\n"
                           "Exit 0: all valid; 1: any invalid; 2: usage or input error.");
    command->add_option("numbers", options->numbers, "Tracking numbers to check");
    command->add_option(
        "--file,-f", options->file, "Read numbers from a file, one per line ('-' for stdin)");
    command->add_option("--carrier,-c",
                        options->carrier,
                        "The carrier the numbers are declared under (code or name)");
    command
        ->add_option("--format", options->format, "Output: text, json (one object per line) or csv")
        ->check(CLI::IsMember({"text", "json", "csv"}));
    command->add_flag("--online",
                      options->is_online,
                      "Also ask the carriers (see `vtrguard track`); text or json output");
    command->add_option("--config",
                        options->config,
                        "Config file: its `rules_dir` carriers, and `carriers` for --online");
    command->add_option("--encoding",
                        options->encoding,
                        "The input's text encoding: utf-8 (default), utf-16, utf-16le, "
                        "utf-16be, gb18030 (GBK), latin1");
    add_rules_option(*command, options->rules_dir);
    command->callback([options, &exit_code] { exit_code = run_validate(*options); });
}

} // namespace vtrguard::cli
