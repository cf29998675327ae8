#pragma once

#include <vtrguard/carriers/ruleset.hpp>
#include <vtrguard/carriers/verdict.hpp>

#include <fmt/format.h>

#include <string>
#include <string_view>

namespace vtrguard::cli {

enum class OutputFormat { text, json, csv };

// Formats verdicts, one per line, into a buffer the caller flushes in large writes: a million
// verdicts must print in well under a second.
class VerdictWriter {
public:
    VerdictWriter(OutputFormat format, const carriers::Ruleset& rules)
        : m_format(format)
        , m_rules(rules) {}

    // The CSV header line; nothing for the other formats.
    void begin(std::string& out) const;

    void write(std::string& out, std::string_view input, const carriers::Verdict& verdict) const;

private:
    void
    write_text(std::string& out, std::string_view input, const carriers::Verdict& verdict) const;
    void
    write_json(std::string& out, std::string_view input, const carriers::Verdict& verdict) const;
    void
    write_csv(std::string& out, std::string_view input, const carriers::Verdict& verdict) const;

    OutputFormat m_format;
    const carriers::Ruleset& m_rules;
};

} // namespace vtrguard::cli
