#include <vtrguard/core/text.hpp>
#include <vtrguard/sources/mismatch.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>

namespace vtrguard::sources {

namespace {

std::string plain(std::string_view number) {
    std::string out;
    for (const char c : number) {
        if (c != ' ' && c != '-') {
            out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
        }
    }
    return out;
}

bool same_carrier(std::string_view a, std::string_view b, const carriers::Ruleset& rules) {
    if (a.empty() || b.empty()) {
        return true;
    }
    const auto first = rules.find_carrier(a);
    const auto second = rules.find_carrier(b);
    if (first && second) {
        return *first == *second;
    }
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x))
               == std::tolower(static_cast<unsigned char>(y));
    });
}

void append_value(std::string& out, std::string_view key, std::string_view raw) {
    const std::string text = core::printable(raw);
    fmt::format_to(std::back_inserter(out), " {}=", key);
    if (!text.empty() && text.find_first_of(" \"=\\") == std::string::npos) {
        out.append(text);
        return;
    }
    out.push_back('"');
    for (const char c : text) {
        if (c == '"' || c == '\\') {
            out.push_back('\\');
        }
        out.push_back(c);
    }
    out.push_back('"');
}

using Key = std::pair<std::string, std::string>; // order, package

} // namespace

bool copies_differ(const store::PackageCopies& copies, const carriers::Ruleset& rules) {
    return plain(copies.seller_number) != plain(copies.marketplace_number)
           || !same_carrier(copies.seller_carrier, copies.marketplace_carrier, rules);
}

Result<std::vector<MismatchEvent>>
check_mismatches(store::Store& store, const carriers::Ruleset& rules, core::TimePoint now) {
    auto copies = store.package_copies();
    if (!copies) {
        return tl::unexpected(copies.error());
    }
    auto open = store.open_mismatches();
    if (!open) {
        return tl::unexpected(open.error());
    }
    std::map<Key, const store::PackageCopies*> raised;
    for (const auto& record : *open) {
        raised[{record.order_id, record.package_ref}] = &record;
    }
    std::vector<MismatchEvent> events;
    std::map<Key, bool> differing;
    for (const auto& pair : *copies) {
        if (!copies_differ(pair, rules)) {
            continue;
        }
        const Key key{pair.order_id, pair.package_ref};
        differing[key] = true;
        const auto found = raised.find(key);
        if (found != raised.end() && *found->second == pair) {
            continue; // raised once, still the same two copies
        }
        if (found != raised.end()) {
            events.push_back({false, *found->second});
        }
        events.push_back({true, pair});
    }
    for (const auto& [key, record] : raised) {
        if (differing.count(key) == 0) {
            events.push_back({false, *record});
        }
    }
    if (events.empty()) {
        return events;
    }
    auto transaction = store::Transaction::begin(store);
    if (!transaction) {
        return tl::unexpected(transaction.error());
    }
    for (const auto& event : events) {
        auto written =
            event.is_raised
                ? store.raise_mismatch(event.copies, now)
                : store.resolve_mismatch(event.copies.order_id, event.copies.package_ref, now);
        if (!written) {
            return tl::unexpected(written.error());
        }
    }
    if (auto committed = transaction->commit(); !committed) {
        return tl::unexpected(committed.error());
    }
    return events;
}

std::string mismatch_line(const MismatchEvent& event) {
    const auto& copies = event.copies;
    std::string out = fmt::format(
        "alert={} event={} level=error", k_mismatch_code, event.is_raised ? "raised" : "resolved");
    append_value(out, "order", copies.order_id);
    append_value(out, "package", copies.package_ref);
    append_value(out, "source", copies.source);
    append_value(out, "seller_carrier", copies.seller_carrier);
    append_value(out, "seller_tracking", copies.seller_number);
    append_value(out, "marketplace_carrier", copies.marketplace_carrier);
    append_value(out, "marketplace_tracking", copies.marketplace_number);
    if (event.is_raised) {
        append_value(out,
                     "action",
                     "the marketplace judges its own copy: correct the carrier and tracking "
                     "number on the marketplace, or fix the seller's records");
    }
    return out;
}

} // namespace vtrguard::sources
