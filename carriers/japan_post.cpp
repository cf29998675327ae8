#include "builtin_carriers.hpp"

namespace vtrguard::carriers::builtin {

// Japan Post: S10 numbers ending JP; domestic Yu-Pack numbers are 11-12 digits whose check
// rule is disputed, so they are read shape-only and only when declared.
CarrierSpec japan_post() {
    return {
        .code = "japan_post",
        .name = "Japan Post",
        .aliases = {"JP Post", "Yu-Pack", "日本郵便"},
        .marketplace_names = {"Japan Post"},
        .tracking_url = "https://trackings.post.japanpost.jp/services/srv/search/"
                        "direct?reqCodeNo1=%s&locale=en",
        .formats =
            {
                s10_format("japan_post_s10", "Japan Post (S10)", "JP"),
                {.id = "japan_post_domestic",
                 .service = "Japan Post Yu-Pack",
                 .pattern = "d{11,12}",
                 .needs_declared = true},
            },
    };
}

} // namespace vtrguard::carriers::builtin
