#include "builtin_carriers.hpp"

namespace vtrguard::carriers::builtin {

// Landmark Global: LTN + 8 digits + N1; no check digit is published.
CarrierSpec landmark() {
    return {
        .code = "landmark",
        .name = "Landmark Global",
        .formats =
            {
                {.id = "landmark_ltn", .service = "Landmark Global", .pattern = "LTN d{8} N1"},
            },
    };
}

} // namespace vtrguard::carriers::builtin
