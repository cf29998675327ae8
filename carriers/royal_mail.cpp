#include "builtin_carriers.hpp"

namespace vtrguard::carriers::builtin {

// Royal Mail: S10 numbers ending GB, and the domestic Tracked 24/48 parcel id printed above the
// 2D barcode (16 hexadecimal characters, no published check): the latter only when declared.
CarrierSpec royal_mail() {
    return {
        .code = "royal_mail",
        .name = "Royal Mail",
        .aliases = {"RM", "Royal Mail Tracked"},
        .marketplace_names = {"Royal Mail"},
        .tracking_url = "https://www.royalmail.com/track-your-item#/tracking-results/%s",
        .formats =
            {
                s10_format("royal_mail_s10", "Royal Mail (S10)", "GB"),
                {.id = "royal_mail_parcel_id",
                 .service = "Royal Mail Tracked parcel id",
                 .pattern = "[0-9A-F]{16}",
                 .needs_declared = true},
            },
    };
}

} // namespace vtrguard::carriers::builtin
