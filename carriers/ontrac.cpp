#include "builtin_carriers.hpp"

namespace vtrguard::carriers::builtin {

// OnTrac: C or D + 14 digits, mod 10 (1,2) over the serial with the letter read as 4 or 5; since
// it took over LaserShip, also LaserShip's 1LS numbers.
CarrierSpec ontrac() {
    const CheckSpec c_series{.algorithm = CheckAlgorithm::mod10,
                             .serial_begin = 1,
                             .evens_multiplier = 1,
                             .odds_multiplier = 2,
                             .prepend = "4"};
    CheckSpec d_series = c_series;
    d_series.prepend = "5";
    return {
        .code = "ontrac",
        .name = "OnTrac",
        .tracking_url = "https://www.ontrac.com/tracking/?number=%s",
        .formats =
            {
                {.id = "ontrac_c", .service = "OnTrac", .pattern = "C d{14}", .check = c_series},
                {.id = "ontrac_d", .service = "OnTrac", .pattern = "D d{14}", .check = d_series},
                // LaserShip's numbers, which OnTrac now carries: valid when OnTrac is declared;
                // undeclared, LaserShip's own reading leads.
                {.id = "ontrac_1ls",
                 .service = "OnTrac (LaserShip 1LS)",
                 .pattern = "1LS7 [12] d{10}",
                 .priority = -1},
                {.id = "ontrac_1ls_long",
                 .service = "OnTrac (LaserShip 1LS)",
                 .pattern = "1LS7 d{16,17}",
                 .priority = -1},
            },
    };
}

} // namespace vtrguard::carriers::builtin
