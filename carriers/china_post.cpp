#include "builtin_carriers.hpp"

namespace vtrguard::carriers::builtin {

// China Post, EMS and ePacket: S10 numbers ending CN (Amazon JP accepts China Post only with
// that suffix). EMS domestic numbers are 13 digits with no published check: read only when
// declared, or they would claim every 13-digit number.
CarrierSpec china_post() {
    return {
        .code = "china_post",
        .name = "China Post",
        .aliases = {"China EMS", "ePacket", "China Post EMS", "中国邮政"},
        .marketplace_names = {"China Post", "EMS", "EUB"},
        .tracking_url = "https://www.17track.net/en/track?nums=%s",
        .formats =
            {
                s10_format("china_post_s10", "China Post / EMS / ePacket (S10)", "CN"),
                {.id = "china_ems_domestic",
                 .service = "China EMS (domestic)",
                 .pattern = "(10|11|12|50|51|52|95|97|98|99) d{11}",
                 .needs_declared = true},
            },
    };
}

} // namespace vtrguard::carriers::builtin
