#include <vtrguard/report/cause.hpp>

namespace vtrguard::report {

namespace {

struct CauseText {
    std::string_view name;
    std::string_view label;
    std::string_view remedy;
    std::string_view prevention;
};

constexpr std::array<CauseText, k_cause_count> k_texts{{
    {"tracking_missing",
     "Tracking missing",
     "Every order is now confirmed with its tracking number in the same step.",
     "vtrguard raises `missing_tracking` before the ship-by deadline for every order without a "
     "number (`vtrguard run`, `vtrguard check`)."},
    {"carrier_not_integrated",
     "Carrier not integrated",
     "Shipments now go out with carriers the marketplace integrates, picked from its list "
     "instead of \"Other\".",
     "vtrguard's `marketplaces.*.integrated_carriers` list flags any other carrier in "
     "`vtrguard vtr` and in this report."},
    {"invalid_format",
     "Invalid number format",
     "Numbers are now copied from the label by scanner or integration, not typed.",
     "vtrguard checks every number's format and check digit before ship-by and raises "
     "`invalid_tracking` (`vtrguard check`, `vtrguard validate`)."},
    {"wrong_carrier",
     "Wrong carrier declared",
     "The carrier name is now mapped from the label's carrier, not chosen by hand.",
     "vtrguard raises `carrier_mismatch` when a number belongs to another carrier than the one "
     "declared."},
    {"number_reused",
     "Number reused on another order",
     "Each label is now bought for one order; reprinted labels replace the old number.",
     "vtrguard raises `duplicate_tracking` when a number is already on another order."},
    {"uploaded_after_confirm",
     "Uploaded after ship-confirm",
     "Tracking numbers are now uploaded when the shipment is confirmed.",
     "vtrguard's ship-by countdown warns while the number can still be given in time."},
    {"never_scanned",
     "Label created, never scanned",
     "Parcels are now handed over the day their label is created, with an acceptance scan.",
     "vtrguard watches every shipment for its first scan and lists those still waiting "
     "(`vtrguard vtr`, pending and worst case)."},
    {"scanned_late",
     "Carrier scanned late",
     "Parcels are now handed to the carrier on the ship date, not batched later.",
     "vtrguard warns when the rate's worst case, counting every unscanned parcel as lost, "
     "crosses the warning line (`vtr_below_warning`)."},
    {"carrier_unreachable",
     "Carrier unreachable",
     "The carrier account's tracking access was restored.",
     "vtrguard's carrier lookups retry with back-off and report failing carriers."},
}};

const CauseText& text_of(Cause cause) {
    return k_texts.at(static_cast<std::size_t>(cause));
}

} // namespace

std::string_view cause_name(Cause cause) {
    return text_of(cause).name;
}

std::string_view cause_label(Cause cause) {
    return text_of(cause).label;
}

std::string_view cause_remedy(Cause cause) {
    return text_of(cause).remedy;
}

std::string_view cause_prevention(Cause cause) {
    return text_of(cause).prevention;
}

} // namespace vtrguard::report
