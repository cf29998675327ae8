#include "builtin_carriers.hpp"

#include <vtrguard/carriers/ruleset.hpp>

#include <iterator>

namespace vtrguard::carriers {

std::vector<CarrierSpec> builtin_carrier_specs() {
    using namespace builtin;
    std::vector<CarrierSpec> specs{
        ups(),          usps(),          fedex(),      dhl(),
        amazon(),       ontrac(),        lasership(),  canada_post(),
        purolator(),    canpar(),        dpd(),        yodel(),
        yunexpress(),   gofo(),          landmark(),   speedee(),
        old_dominion(), china_post(),    royal_mail(), japan_post(),
        la_poste(),     deutsche_post(), postnl(),     australia_post(),
        fourpx(),       yanwen(),        cainiao(),    sf_express(),
        yto(),          zto(),           jt_express(), best_express(),
        dhl_paket(),    gls(),           hermes(),     yamato(),
        sagawa(),
    };
    auto posts = national_posts();
    specs.insert(
        specs.end(), std::make_move_iterator(posts.begin()), std::make_move_iterator(posts.end()));
    // The S10 catch-all comes last: every named post is the likelier reading of its suffix.
    specs.push_back(postal());
    return specs;
}

namespace builtin {

CheckSpec s10_check_spec() {
    return {.algorithm = CheckAlgorithm::s10, .serial_begin = 2, .serial_end = 10, .check_at = 10};
}

FormatSpec s10_format(std::string id, std::string service, std::string_view country) {
    return {.id = std::move(id),
            .service = std::move(service),
            .pattern = "a{2} d{9} " + std::string(country),
            .check = s10_check_spec()};
}

} // namespace builtin

} // namespace vtrguard::carriers
