#include "builtin_carriers.hpp"

namespace vtrguard::carriers::builtin {

// Deutsche Post: international letters and small parcels, S10 numbers ending DE.
CarrierSpec deutsche_post() {
    return {
        .code = "deutsche_post",
        .name = "Deutsche Post",
        .marketplace_names = {"Deutsche Post"},
        .tracking_url =
            "https://www.deutschepost.de/sendung/simpleQuery.html?form.sendungsnummer=%s",
        .formats = {s10_format("deutsche_post_s10", "Deutsche Post (S10)", "DE")},
    };
}

} // namespace vtrguard::carriers::builtin
