#include "builtin_carriers.hpp"

namespace vtrguard::carriers::builtin {

// Australia Post: S10 numbers ending AU.
CarrierSpec australia_post() {
    return {
        .code = "australia_post",
        .name = "Australia Post",
        .aliases = {"AusPost"},
        .marketplace_names = {"Australia Post-ArticleId", "Australia Post-Consignment"},
        .tracking_url = "https://auspost.com.au/mypost/track/#/details/%s",
        .formats = {s10_format("australia_post_s10", "Australia Post (S10)", "AU")},
    };
}

} // namespace vtrguard::carriers::builtin
