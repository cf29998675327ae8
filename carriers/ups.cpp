#include "builtin_carriers.hpp"

namespace vtrguard::carriers::builtin {

// UPS: "1Z" + shipper (6) + service (2) + package (7) + mod 10 check; waybills are a service
// letter + 9 digits + check. Letters in the serial weigh (ASCII - 3) mod 10. The shipper number
// is letters and digits; the service and package fields are digits on nearly every label (the
// corpus has one with letters, so letters stay valid), which ranks typo fixes there.
CarrierSpec ups() {
    const CheckSpec mod10_odd_doubled{
        .algorithm = CheckAlgorithm::mod10, .evens_multiplier = 1, .odds_multiplier = 2};
    CheckSpec one_z = mod10_odd_doubled;
    one_z.serial_begin = 2;
    CheckSpec waybill = mod10_odd_doubled;
    waybill.serial_begin = 1;
    return {
        .code = "ups",
        .name = "UPS",
        .aliases = {"United Parcel Service"},
        .marketplace_names = {"UPS"},
        .tracking_url = "https://www.ups.com/track?tracknum=%s",
        .formats =
            {
                {.id = "ups_1z",
                 .service = "UPS 1Z",
                 .pattern = "1Z x{15} d",
                 .check = one_z,
                 .usual_pattern = "1Z x{6} d{10}"},
                {.id = "ups_waybill",
                 .service = "UPS waybill",
                 .pattern = "[AHJKTV] d{10}",
                 .check = waybill},
            },
    };
}

} // namespace vtrguard::carriers::builtin
