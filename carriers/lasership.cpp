#include "builtin_carriers.hpp"

namespace vtrguard::carriers::builtin {

// LaserShip (now part of OnTrac): L + hub letter + 1-3 + 7 digits, and the 1LS barcodes of 15,
// 16 (piece), 20 and 21 characters.
// No check digit is published; the "-1" piece suffix loses its dash in normalization.
CarrierSpec lasership() {
    return {
        .code = "lasership",
        .name = "LaserShip",
        .aliases = {"Laser Ship"},
        .tracking_url = "https://www.ontrac.com/tracking/?number=%s",
        .formats =
            {
                {.id = "lasership_l", .service = "LaserShip", .pattern = "L [AIEHNX] [1-3] d{7}"},
                {.id = "lasership_1ls7", .service = "LaserShip 1LS", .pattern = "1LS7 [12] d{10}"},
                {.id = "lasership_1ls7_piece",
                 .service = "LaserShip 1LS (piece)",
                 .pattern = "1LS7 [12] d{2} 01 [1-4] d{6} 1"},
                // 20 and 21 characters: the labels users report since LaserShip joined OnTrac.
                {.id = "lasership_1ls7_long",
                 .service = "LaserShip 1LS",
                 .pattern = "1LS7 d{16,17}"},
                {.id = "lasership_1lscx", .service = "LaserShip 1LSCX", .pattern = "1LSCX x{10}"},
            },
    };
}

} // namespace vtrguard::carriers::builtin
