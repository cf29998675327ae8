#include <vtrguard/carriers/ruleset.hpp>
#include <vtrguard/carriers/validator.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <string>
#include <vector>

using namespace vtrguard::carriers;

namespace {

const Ruleset& rules() {
    return Ruleset::builtin();
}

CarrierId carrier(std::string_view code) {
    const auto id = rules().find_carrier(code);
    REQUIRE(id.has_value());
    return *id;
}

std::string code_of(std::optional<FormatId> format) {
    return format ? rules().carrier(rules().format(*format).carrier).code : "";
}

struct Reading {
    bool is_valid = false;
    std::string carrier;
    bool is_check_verified = false;
    std::vector<std::string> candidates;
};

Reading read(std::string_view number, std::optional<CarrierId> declared = std::nullopt) {
    const auto verdict = Validator(rules()).validate(number, declared);
    Reading reading{verdict.is_valid(), code_of(verdict.primary_format()), false, {}};
    reading.is_check_verified = verdict.is_valid() && verdict.readings[0].is_check_verified;
    for (const auto& candidate : verdict.all_readings()) {
        reading.candidates.push_back(code_of(candidate.format));
    }
    return reading;
}

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) {
        return static_cast<char>(std::tolower(c));
    });
    return text;
}

} // namespace

TEST_CASE("builtin: the names Amazon lists in shipment confirmation resolve") {
    const std::map<std::string, std::string> k_names{
        {"Yun Express", "yunexpress"},
        {"China Post", "china_post"},
        {"EUB", "china_post"},
        {"DHL eCommerce", "dhl"},
        {"Royal Mail", "royal_mail"},
        {"Japan Post", "japan_post"},
        {"Canada Post", "canada_post"},
        {"La Poste", "la_poste"},
        {"Deutsche Post", "deutsche_post"},
        {"DHL-Paket", "dhl_paket"},
        {"PostNL", "postnl"},
        {"Australia Post-ArticleId", "australia_post"},
        {"USPS", "usps"},
        {"4PX", "fourpx"},
        {"Yanwen", "yanwen"},
        {"YANWEN", "yanwen"},
        {"SF Express", "sf_express"},
        {"Best Express", "best_express"},
        {"GLS", "gls"},
        {"Hermes Logistik Gruppe", "hermes"},
        {"YamatoTransport", "yamato"},
        {"SagawaExpress", "sagawa"},
        {"FedEx SmartPost", "fedex"},
        {"DPD", "dpd"},
    };
    for (const auto& [name, code] : k_names) {
        CAPTURE(name);
        const auto id = rules().find_carrier(name);
        REQUIRE(id.has_value());
        CHECK(rules().carrier(*id).code == code);
    }
}

TEST_CASE("builtin: no two carriers answer to the same name") {
    std::map<std::string, std::string> owner;
    for (const auto& spec : rules().carriers()) {
        std::vector<std::string> names{spec.code, spec.name};
        names.insert(names.end(), spec.aliases.begin(), spec.aliases.end());
        names.insert(names.end(), spec.marketplace_names.begin(), spec.marketplace_names.end());
        std::sort(names.begin(), names.end());
        names.erase(std::unique(names.begin(), names.end()), names.end());
        for (const auto& name : names) {
            CAPTURE(name);
            const auto [it, is_new] = owner.emplace(lower(name), spec.code);
            CHECK((is_new || it->second == spec.code));
        }
    }
}

TEST_CASE("builtin: domestic lines and Cainiao list no marketplace name") {
    for (const auto code : {"yto", "zto", "jt_express", "cainiao"}) {
        CAPTURE(code);
        CHECK(rules().carrier(carrier(code)).marketplace_names.empty());
    }
}

TEST_CASE("builtin: S10 numbers go to the national post of their suffix") {
    const std::map<std::string, std::string> k_posts{
        {"CN", "china_post"}, {"GB", "royal_mail"},
        {"JP", "japan_post"}, {"CA", "canada_post"},
        {"FR", "la_poste"},   {"DE", "deutsche_post"},
        {"NL", "postnl"},     {"AU", "australia_post"},
        {"US", "usps"},       {"CH", "swiss_post"},
        {"PT", "ctt"},        {"HK", "hongkong_post"},
        {"ES", "correos"},    {"IT", "poste_italiane"},
        {"SE", "postnord"},   {"DK", "postnord"},
        {"KR", "korea_post"}, {"SG", "singapore_post"},
        {"IN", "india_post"},
    };
    for (const auto& [suffix, code] : k_posts) {
        const auto number = "RB123456785" + suffix;
        CAPTURE(number);
        const auto reading = read(number);
        CHECK(reading.is_valid);
        CHECK(reading.carrier == code);
        CHECK(reading.is_check_verified);
        CHECK(read(number, carrier(code)).is_valid);
        CHECK_FALSE(read("RB123456786" + suffix, carrier(code)).is_valid);
    }
    // The S10 catch-all stays listed, so a seller who declares "postal" is not refused.
    CHECK(read("RB123456785CN").candidates == std::vector<std::string>{"china_post", "postal"});
}

TEST_CASE("builtin: China lines") {
    SUBCASE("Yanwen's YP suffix is S10-shaped but no country: shape-only Yanwen") {
        const auto reading = read("UG336196744YP");
        CHECK(reading.carrier == "yanwen");
        CHECK_FALSE(reading.is_check_verified);
        CHECK_FALSE(read("UG33619674YP").is_valid);
    }
    SUBCASE("YT + 16 digits is YunExpress, YT + 13 is YTO") {
        CHECK(read("YT2229521272164446").carrier == "yunexpress");
        CHECK(read("YT2229521272164").carrier == "yto");
        CHECK_FALSE(read("YT22295212721644", carrier("yto")).is_valid);
    }
    SUBCASE("J&T, Cainiao, SF and 4PX by their letters, shape-only") {
        for (const auto& [number, code] :
             std::map<std::string, std::string>{{"JT0006968326954", "jt_express"},
                                                {"LP00724622449605", "cainiao"},
                                                {"SF1234567890123", "sf_express"},
                                                {"4PX1234567890CN", "fourpx"}}) {
            CAPTURE(number);
            const auto reading = read(number);
            CHECK(reading.carrier == code);
            CHECK_FALSE(reading.is_check_verified);
        }
    }
    SUBCASE("Cainiao's US numbers: CNUSUP + 11 digits, over DHL eCommerce's CN shape") {
        const auto reading = read("CNUSUP00009319533");
        CHECK(reading.is_valid);
        CHECK(reading.carrier == "cainiao");
        CHECK_FALSE(reading.is_check_verified);
        CHECK(reading.candidates == std::vector<std::string>{"cainiao", "dhl"});
        CHECK(read("CNUSUP00012345678", carrier("cainiao")).is_valid);
        CHECK_FALSE(read("CNUSUP0001234567", carrier("cainiao")).is_valid);   // 10 digits
        CHECK_FALSE(read("CNUSUP000123456789", carrier("cainiao")).is_valid); // 12 digits
        CHECK_FALSE(read("CNUSUPA0012345678", carrier("cainiao")).is_valid);
    }
    SUBCASE("bare digit runs of ZTO, Best, SF legacy and EMS count only when declared") {
        for (const auto& [number, code] :
             std::map<std::string, std::string>{{"73123456789012", "zto"},
                                                {"7312345678901", "best_express"},
                                                {"731234567890", "sf_express"},
                                                {"9812345678901", "china_post"}}) {
            CAPTURE(number);
            const auto declared = read(number, carrier(code));
            CHECK(declared.is_valid);
            CHECK_FALSE(declared.is_check_verified);
            const auto undeclared = read(number);
            CHECK(std::find(undeclared.candidates.begin(), undeclared.candidates.end(), code)
                  == undeclared.candidates.end());
        }
    }
}

TEST_CASE("builtin: Europe and Japan") {
    SUBCASE("DHL Paket 12 digits, mod 10 weighted 4,9") {
        CHECK(read("201298452277", carrier("dhl_paket")).is_valid);
        CHECK_FALSE(read("201298452278", carrier("dhl_paket")).is_valid);
        // The published example is also a valid FedEx Express number: FedEx leads.
        const auto reading = read("201298452277");
        CHECK(reading.carrier == "fedex");
        CHECK(reading.candidates == std::vector<std::string>{"fedex", "dhl_paket"});
    }
    SUBCASE("DHL Paket 00340 SSCC leads over USPS's 20-digit shape") {
        const auto reading = read("00340433836442636597");
        CHECK(reading.carrier == "dhl_paket");
        CHECK(reading.candidates == std::vector<std::string>{"dhl_paket", "usps"});
        CHECK_FALSE(read("00340433836442636598", carrier("dhl_paket")).is_valid);
    }
    SUBCASE("DHL Paket JJD piece numbers: JJD + 18 digits, shape-only; Yodel keeps 16") {
        for (const std::string number : {"JJD000390007882155690", "JJD014600003100060880"}) {
            CAPTURE(number);
            const auto reading = read(number);
            CHECK(reading.is_valid);
            CHECK(reading.carrier == "dhl_paket");
            CHECK_FALSE(reading.is_check_verified);
        }
        CHECK(read("JJD0002257639032011").carrier == "yodel");
        CHECK(read("JJD0099999999").carrier == "dhl");        // DHL Express: JJD + 10 digits
        CHECK_FALSE(read("JJD00039000788215569").is_valid);   // 17 digits
        CHECK_FALSE(read("JJD0003900078821556901").is_valid); // 19 digits
    }
    SUBCASE("a JJD or YT number of another carrier's length is no length miss: a typo is fixed") {
        const Validator validator(rules());
        for (const auto& [typed, fixed] :
             std::map<std::string, std::string>{{"JJD897285O111842585", "JJD8972850111842585"},
                                                {"YT6635405261051O15", "YT6635405261051015"}}) {
            CAPTURE(typed);
            auto verdict = validator.validate(typed);
            CHECK(verdict.reason == Reason::unknown_format);
            CHECK_FALSE(verdict.length_miss.has_value());
            validator.suggest_typo_fix(verdict);
            CHECK(verdict.suggestion() == fixed);
        }
        // Still a length miss when no carrier with that head has the length.
        CHECK(validator.validate("JJD00039000788215569").reason == Reason::bad_length);
        CHECK(validator.validate("YT22295212721644").reason == Reason::bad_length);
    }
    SUBCASE("PostNL 3S: 3S + a 4-letter customer code + 7 to 11 digits, shape-only") {
        for (const std::string number : {"3SOVAC7567398", "3SABCD123456789", "3SDEVC12345678901"}) {
            CAPTURE(number);
            const auto reading = read(number);
            CHECK(reading.is_valid);
            CHECK(reading.carrier == "postnl");
            CHECK_FALSE(reading.is_check_verified);
        }
        CHECK_FALSE(read("3SABC1234567", carrier("postnl")).is_valid);
        CHECK_FALSE(read("3SABCD123456", carrier("postnl")).is_valid); // 6 digits
    }
    SUBCASE("Yamato 7DR: the last digit is the first eleven mod 7") {
        const auto reading = read("123456789013");
        CHECK(reading.carrier == "yamato");
        CHECK(reading.is_check_verified);
        CHECK_FALSE(read("123456789014", carrier("yamato")).is_valid);
        CHECK_FALSE(read("123456789017", carrier("yamato")).is_valid); // 7-9 never
    }
    SUBCASE("FedEx leads a 12-digit number Yamato also accepts; Yamato when declared") {
        // 729141777630 passes both FedEx Express's mod 11 and Yamato's 7DR.
        const auto reading = read("729141777630");
        CHECK(reading.carrier == "fedex");
        CHECK(reading.candidates == std::vector<std::string>{"fedex", "yamato"});
        CHECK(read("729141777630", carrier("yamato")).carrier == "yamato");
    }
    SUBCASE("Sagawa, GLS and Hermes have no published check: declared only, shape-only") {
        for (const auto& [number, code] :
             std::map<std::string, std::string>{{"123456789012", "sagawa"},
                                                {"12345678901", "gls"},
                                                {"12345678901234", "hermes"}}) {
            CAPTURE(number);
            const auto declared = read(number, carrier(code));
            CHECK(declared.is_valid);
            CHECK_FALSE(declared.is_check_verified);
            const auto undeclared = read(number);
            CHECK(std::find(undeclared.candidates.begin(), undeclared.candidates.end(), code)
                  == undeclared.candidates.end());
        }
    }
}

TEST_CASE("builtin: cross-border carriers have a name, a tracking URL template and formats") {
    for (const auto code : {"china_post",    "royal_mail", "japan_post",     "la_poste",
                            "deutsche_post", "postnl",     "australia_post", "fourpx",
                            "yanwen",        "cainiao",    "sf_express",     "yto",
                            "zto",           "jt_express", "best_express",   "dhl_paket",
                            "gls",           "hermes",     "yamato",         "sagawa"}) {
        CAPTURE(code);
        const auto& spec = rules().carrier(carrier(code));
        CHECK_FALSE(spec.name.empty());
        CHECK(spec.tracking_url.rfind("https://", 0) == 0);
        CHECK(spec.tracking_url.find("%s") != std::string::npos);
        CHECK_FALSE(spec.formats.empty());
    }
}
