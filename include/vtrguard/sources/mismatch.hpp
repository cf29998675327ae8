#pragma once

#include <vtrguard/carriers/ruleset.hpp>
#include <vtrguard/core/clock.hpp>
#include <vtrguard/core/result.hpp>
#include <vtrguard/store/package.hpp>
#include <vtrguard/store/store.hpp>

#include <string>
#include <vector>

namespace vtrguard::sources {

// The stable code of the alert (docs/alerts.md).
inline constexpr std::string_view k_mismatch_code = "TRACKING_MARKETPLACE_MISMATCH";

struct MismatchEvent {
    bool is_raised = true; // false: resolved
    store::PackageCopies copies;
};

// Whether the seller's copy and the marketplace's differ: another number (ignoring spaces,
// dashes and case) or another carrier (names resolved to carrier codes through `rules`; an
// empty carrier on either side is not compared). Pure.
bool copies_differ(const store::PackageCopies& copies, const carriers::Ruleset& rules);

// Compares every package the seller and a marketplace both hold, raises a mismatch for each
// pair that differs and is not raised yet, resolves the open ones that agree again (or whose
// seller copy is gone), and returns what it raised and resolved. Writes in one transaction.
Result<std::vector<MismatchEvent>>
check_mismatches(store::Store& store, const carriers::Ruleset& rules, core::TimePoint now);

// The event's log line: `alert=TRACKING_MARKETPLACE_MISMATCH event=raised level=error order=…
// package=1 source=amazon:main seller_carrier=… seller_tracking=… marketplace_carrier=…
// marketplace_tracking=… action="…"`.
std::string mismatch_line(const MismatchEvent& event);

} // namespace vtrguard::sources
