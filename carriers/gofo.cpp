#include "builtin_carriers.hpp"

namespace vtrguard::carriers::builtin {

// GOFO Express (US): GFUS + 14 digits; no check digit is published.
CarrierSpec gofo() {
    return {
        .code = "gofo",
        .name = "GOFO Express",
        .formats =
            {
                {.id = "gofo_us", .service = "GOFO Express US", .pattern = "GFUS d{14}"},
            },
    };
}

} // namespace vtrguard::carriers::builtin
