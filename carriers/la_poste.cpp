#include "builtin_carriers.hpp"

namespace vtrguard::carriers::builtin {

// La Poste (France): S10 numbers ending FR.
CarrierSpec la_poste() {
    return {
        .code = "la_poste",
        .name = "La Poste",
        .marketplace_names = {"La Poste"},
        .tracking_url = "https://www.laposte.fr/outils/suivre-vos-envois?code=%s",
        .formats = {s10_format("la_poste_s10", "La Poste (S10)", "FR")},
    };
}

} // namespace vtrguard::carriers::builtin
