#include "builtin_carriers.hpp"

namespace vtrguard::carriers::builtin {

// Yamato Transport (Kuroneko): 12 digits, the last one the first 11 as an integer mod 7 ("7DR"),
// so it is never 7-9.
CarrierSpec yamato() {
    return {
        .code = "yamato",
        .name = "Yamato Transport",
        .aliases = {"Kuroneko", "Kuroneko Yamato", "ヤマト運輸"},
        .marketplace_names = {"Yamato", "YamatoTransport", "YAMATO"},
        .tracking_url = "https://toi.kuronekoyamato.co.jp/cgi-bin/tneko?number00=1&number01=%s",
        .formats = {{.id = "yamato",
                     .service = "Yamato TA-Q-BIN",
                     .pattern = "d{11} [0-6]",
                     .check = {.algorithm = CheckAlgorithm::mod7}}},
    };
}

} // namespace vtrguard::carriers::builtin
