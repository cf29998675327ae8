#include "verdict_writer.hpp"

#include <vtrguard/carriers/explain.hpp>
#include <vtrguard/core/text.hpp>

#include <iterator>

namespace vtrguard::cli {

namespace {

using carriers::FormatId;
using carriers::Verdict;

void append(std::string& out, std::string_view text) {
    out.append(text);
}

void append_json_or_null(std::string& out, std::string_view text) {
    if (text.empty()) {
        append(out, "null");
    } else {
        core::append_json_string(out, text);
    }
}

std::string_view suggestion_kind_or_empty(const Verdict& verdict) {
    return verdict.fix ? carriers::suggestion_kind_name(verdict.suggestion_kind())
                       : std::string_view();
}

} // namespace

void VerdictWriter::begin(std::string& out) const {
    if (m_format == OutputFormat::csv) {
        append(out,
               "input,normalized,valid,carrier,service,reason,candidates,suggestion,"
               "suggestion_kind,declared_carrier,check_digit_verified,message,"
               "invisible_removed\n");
    }
}

void VerdictWriter::write(std::string& out, std::string_view input, const Verdict& verdict) const {
    switch (m_format) {
    case OutputFormat::text:
        write_text(out, input, verdict);
        break;
    case OutputFormat::json:
        write_json(out, input, verdict);
        break;
    case OutputFormat::csv:
        write_csv(out, input, verdict);
        break;
    }
}

void VerdictWriter::write_text(std::string& out,
                               std::string_view input,
                               const Verdict& verdict) const {
    const auto primary = verdict.primary_format();
    const std::string shown = core::printable(input);
    fmt::format_to(std::back_inserter(out),
                   "{:<7}  {:<26}  {:<12}  {}",
                   verdict.is_valid() ? "valid" : "INVALID",
                   shown,
                   primary ? m_rules.carrier(m_rules.format(*primary).carrier).code : "-",
                   primary ? m_rules.format_spec(*primary).service : "");
    if (verdict.is_valid()) {
        if (!verdict.all_readings().front().is_check_verified) {
            append(out, " (format only: no check digit)");
        }
        if (verdict.reading_count > 1) {
            append(out, " (also:");
            for (const auto& reading : verdict.all_readings().subspan(1)) {
                out.push_back(' ');
                append(out, m_rules.carrier(m_rules.format(reading.format).carrier).code);
            }
            out.push_back(')');
        }
    } else {
        fmt::format_to(std::back_inserter(out),
                       "  {}: {}",
                       carriers::reason_name(verdict.reason),
                       carriers::explain(verdict, m_rules));
    }
    if (verdict.normalized.has_invisible) {
        append(out, " (invisible characters removed)");
    }
    out.push_back('\n');
}

void VerdictWriter::write_json(std::string& out,
                               std::string_view input,
                               const Verdict& verdict) const {
    const auto primary = verdict.primary_format();
    append(out, "{\"input\":");
    core::append_json_string(out, input);
    append(out, ",\"normalized\":");
    core::append_json_string(out, verdict.normalized.text());
    append(out, verdict.is_valid() ? ",\"valid\":true" : ",\"valid\":false");
    append(out, ",\"carrier\":");
    append_json_or_null(out, primary ? m_rules.carrier(m_rules.format(*primary).carrier).code : "");
    append(out, ",\"service\":");
    append_json_or_null(out, primary ? m_rules.format_spec(*primary).service : "");
    append(out, ",\"format\":");
    append_json_or_null(out, primary ? m_rules.format_spec(*primary).id : "");
    append(out, ",\"reason\":\"");
    append(out, carriers::reason_name(verdict.reason));
    append(out, "\",\"check_digit_verified\":");
    const bool is_verified = verdict.is_valid() && verdict.readings[0].is_check_verified;
    append(out, is_verified ? "true" : "false");
    append(out, ",\"declared_carrier\":");
    append_json_or_null(out, verdict.declared ? m_rules.carrier(*verdict.declared).code : "");
    append(out, ",\"candidates\":[");
    bool is_first = true;
    for (const auto& reading : verdict.all_readings()) {
        if (!is_first) {
            out.push_back(',');
        }
        is_first = false;
        const auto& spec = m_rules.format_spec(reading.format);
        append(out, "{\"carrier\":");
        core::append_json_string(out, m_rules.carrier(m_rules.format(reading.format).carrier).code);
        append(out, ",\"service\":");
        core::append_json_string(out, spec.service);
        append(out, ",\"format\":");
        core::append_json_string(out, spec.id);
        append(out,
               reading.is_check_verified ? ",\"check_digit_verified\":true}"
                                         : ",\"check_digit_verified\":false}");
    }
    append(out, "],\"suggestion\":");
    append_json_or_null(out, verdict.suggestion());
    append(out, ",\"suggestion_kind\":");
    append_json_or_null(out, suggestion_kind_or_empty(verdict));
    append(out, ",\"message\":");
    append_json_or_null(out, carriers::explain(verdict, m_rules));
    append(out,
           verdict.normalized.has_invisible ? ",\"invisible_removed\":true}\n"
                                            : ",\"invisible_removed\":false}\n");
}

void VerdictWriter::write_csv(std::string& out,
                              std::string_view input,
                              const Verdict& verdict) const {
    const auto primary = verdict.primary_format();
    core::append_spreadsheet_cell(out, input);
    out.push_back(',');
    core::append_spreadsheet_cell(out, verdict.normalized.text());
    append(out, verdict.is_valid() ? ",true," : ",false,");
    if (primary) {
        append(out, m_rules.carrier(m_rules.format(*primary).carrier).code);
        out.push_back(',');
        core::append_spreadsheet_cell(out, m_rules.format_spec(*primary).service);
    } else {
        out.push_back(',');
    }
    out.push_back(',');
    append(out, carriers::reason_name(verdict.reason));
    out.push_back(',');
    bool is_first = true;
    for (const auto& reading : verdict.all_readings()) {
        if (!is_first) {
            out.push_back(';');
        }
        is_first = false;
        append(out, m_rules.carrier(m_rules.format(reading.format).carrier).code);
    }
    out.push_back(',');
    append(out, verdict.suggestion());
    out.push_back(',');
    append(out, suggestion_kind_or_empty(verdict));
    out.push_back(',');
    if (verdict.declared) {
        append(out, m_rules.carrier(*verdict.declared).code);
    }
    const bool is_verified = verdict.is_valid() && verdict.readings[0].is_check_verified;
    append(out, is_verified ? ",true," : ",false,");
    core::append_spreadsheet_cell(out, carriers::explain(verdict, m_rules));
    append(out, verdict.normalized.has_invisible ? ",true\n" : ",false\n");
}

} // namespace vtrguard::cli
