#include "builtin_carriers.hpp"

namespace vtrguard::carriers::builtin {

// Amazon Logistics / Amazon Shipping: TBA (US), TBC (Canada) or TBM (Mexico) + 12 digits; in the
// EU C + 1, 2, A or E + 10 digits; international: A, F or C + 10 digits. No check digit is
// published: every reading is shape-only. A reported Canadian TBA + three letters + 9 digits
// (TBAONT500361196) is not built in: it would make every TBA number with an O typed for a zero
// in those places "valid", and one report is too little to pay that for.
CarrierSpec amazon() {
    return {
        .code = "amazon",
        .name = "Amazon Logistics",
        .aliases = {"Amazon Shipping", "AMZL", "AMZL_US"},
        .tracking_url = "https://track.amazon.com/tracking/%s",
        .formats =
            {
                {.id = "amazon_logistics",
                 .service = "Amazon Logistics",
                 .pattern = "TB[ACM] d{12}"},
                // France and other EU marketplaces: C, one of 1 2 A E, 10 digits.
                {.id = "amazon_logistics_eu",
                 .service = "Amazon Logistics (EU)",
                 .pattern = "C [12AE] d{10}"},
                {.id = "amazon_international",
                 .service = "Amazon Shipping international",
                 .pattern = "[AFC] d{10}"},
            },
    };
}

} // namespace vtrguard::carriers::builtin
