#include "builtin_carriers.hpp"

#include <vtrguard/carriers/ruleset.hpp>

namespace vtrguard::carriers {

std::vector<CarrierSpec> builtin_carrier_specs() {
    using namespace builtin;
    return {
        ups(),
        usps(),
        fedex(),
        dhl(),
        amazon(),
        ontrac(),
        lasership(),
        canada_post(),
        purolator(),
        canpar(),
        dpd(),
        yodel(),
        yunexpress(),
        gofo(),
        landmark(),
        speedee(),
        old_dominion(),
        postal(),
    };
}

namespace builtin {

CheckSpec s10_check_spec() {
    return {.algorithm = CheckAlgorithm::s10, .serial_begin = 2, .serial_end = 10, .check_at = 10};
}

} // namespace builtin

} // namespace vtrguard::carriers
