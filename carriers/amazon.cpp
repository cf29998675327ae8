#include "builtin_carriers.hpp"

namespace vtrguard::carriers::builtin {

// Amazon Logistics / Amazon Shipping: TBA, TBC or TBM + 12 digits; international: A, F or C +
// 10 digits. No check digit is published.
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
                {.id = "amazon_international",
                 .service = "Amazon Shipping international",
                 .pattern = "[AFC] d{10}"},
            },
    };
}

} // namespace vtrguard::carriers::builtin
