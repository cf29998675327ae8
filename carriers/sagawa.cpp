#include "builtin_carriers.hpp"

namespace vtrguard::carriers::builtin {

// Sagawa Express: 12 digits. A 7DR check like Yamato's is reported but unconfirmed, so the
// reading is shape-only and, being a bare digit run, made only when declared.
CarrierSpec sagawa() {
    return {
        .code = "sagawa",
        .name = "Sagawa Express",
        .aliases = {"Sagawa Kyubin", "佐川急便"},
        .marketplace_names = {"Sagawa", "SagawaExpress", "SAGAWA"},
        .tracking_url = "https://k2k.sagawa-exp.co.jp/p/web/okurijosearch.do?okurijoNo=%s",
        .formats = {{.id = "sagawa",
                     .service = "Sagawa Express",
                     .pattern = "d{12}",
                     .needs_declared = true}},
    };
}

} // namespace vtrguard::carriers::builtin
