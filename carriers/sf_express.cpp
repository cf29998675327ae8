#include "builtin_carriers.hpp"

namespace vtrguard::carriers::builtin {

// SF Express: SF + 13 digits; legacy numbers are 12 bare digits (read only when declared). No
// check digit is published.
CarrierSpec sf_express() {
    return {
        .code = "sf_express",
        .name = "SF Express",
        .aliases = {"SF", "Shunfeng", "顺丰"},
        .marketplace_names = {"SF Express"},
        .tracking_url = "https://www.sf-express.com/chn/en/waybill/list?mailNos=%s",
        .formats =
            {
                {.id = "sf_express", .service = "SF Express", .pattern = "SF d{13}"},
                {.id = "sf_express_legacy",
                 .service = "SF Express (legacy)",
                 .pattern = "d{12}",
                 .needs_declared = true},
            },
    };
}

} // namespace vtrguard::carriers::builtin
