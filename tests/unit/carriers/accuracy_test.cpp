// The families users reported wrong (docs/accuracy.md): each valid and invalid, and the
// collisions between them, which carrier wins and which are listed.
#include <vtrguard/carriers/explain.hpp>
#include <vtrguard/carriers/validator.hpp>

#include <doctest/doctest.h>

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

std::string code_of(FormatId format) {
    return rules().carrier(rules().format(format).carrier).code;
}

std::string format_id(std::optional<FormatId> format) {
    return format ? rules().format_spec(*format).id : "";
}

std::vector<std::string> candidates(const Verdict& verdict) {
    std::vector<std::string> codes;
    for (const auto& reading : verdict.all_readings()) {
        codes.push_back(code_of(reading.format));
    }
    return codes;
}

Verdict check(std::string_view number, std::optional<CarrierId> declared = std::nullopt) {
    return Validator(rules()).validate(number, declared);
}

Verdict advise(std::string_view number) {
    const Validator validator(rules());
    auto verdict = validator.validate(number);
    validator.suggest_typo_fix(verdict);
    return verdict;
}

} // namespace

TEST_CASE("accuracy: FedEx Ground Economy 20 digits verify only with USPS's 92 in front") {
    // 6129… from users' reports (the corpus lists it as an invalid USPS number); 7489… built
    // with the same rule.
    for (const std::string number : {"61299998820821171811", "74899012345678901237"}) {
        CAPTURE(number);
        const auto verdict = check(number);
        REQUIRE(verdict.is_valid());
        CHECK(format_id(verdict.primary_format()) == "fedex_ground_economy_20");
        CHECK(verdict.readings[0].is_check_verified);
        CHECK(check(number, carrier("FedEx SmartPost")).is_valid());
        CHECK(check(number, carrier("usps")).reason == Reason::carrier_mismatch);
        // With the 92 the same digits are a USPS IMpb.
        CHECK(code_of(*check("92" + number).primary_format()) == "usps");
    }
    const auto mistyped = check("61299998820821171813");
    CHECK(mistyped.reason == Reason::bad_check_digit);
    CHECK(format_id(mistyped.primary_format()) == "fedex_ground_economy_20");
    // USPS's own 20-digit numbers (no 92 needed) stay USPS.
    CHECK(code_of(*check("03071790000523483741").primary_format()) == "usps");
}

TEST_CASE("accuracy: an S10 number names its national post") {
    struct Case {
        const char* number;
        const char* code;
        const char* name;
    };

    for (const auto& [number, code, name] :
         {Case{"RB123456785PT", "ctt", "CTT Correios de Portugal"},
          Case{"RB123456785HK", "hongkong_post", "Hongkong Post"},
          Case{"RB123456785CH", "swiss_post", "Swiss Post"},
          Case{"EE123456785SE", "postnord", "PostNord"},
          Case{"CP123456785IT", "poste_italiane", "Poste Italiane"}}) {
        CAPTURE(number);
        const auto verdict = check(number);
        REQUIRE(verdict.is_valid());
        CHECK(code_of(verdict.readings[0].format) == code);
        CHECK(rules().carrier(carrier(code)).name == name);
        CHECK(verdict.readings[0].is_check_verified);
        CHECK(candidates(verdict) == std::vector<std::string>{code, "postal"});
    }
    // Amazon's carrier codes, where the marketplace lists the post.
    CHECK(carrier("Singapore Post") == carrier("singapore_post"));
    CHECK(carrier("India Post") == carrier("india_post"));
    CHECK(carrier("Poste Italiane") == carrier("poste_italiane"));
    // A declared post must be the suffix's: a Swiss number declared as CTT is a mismatch.
    CHECK(check("RB123456785CH", carrier("ctt")).reason == Reason::carrier_mismatch);
    // Every UPU member's post is found by its suffix, none is left to the catch-all.
    int keyed = 0;
    for (FormatId id = 0; id < rules().format_count(); ++id) {
        keyed += rules().format(id).is_keyed_by_suffix ? 1 : 0;
    }
    CHECK(keyed > 190);
}

TEST_CASE("accuracy: Yanwen's YN numbers keep the S10 check and read as Yanwen") {
    const auto verdict = check("UG123456785YN");
    REQUIRE(verdict.is_valid());
    CHECK(code_of(verdict.readings[0].format) == "yanwen");
    CHECK(verdict.readings[0].is_check_verified);
    CHECK(check("UG123456785YN", carrier("YANWEN")).is_valid());
    const auto mistyped = check("UG123456786YN");
    CHECK(mistyped.reason == Reason::bad_check_digit);
    CHECK(format_id(mistyped.primary_format()) == "yanwen_s10");
}

TEST_CASE("accuracy: a failed check digit is not swallowed by a looser format") {
    SUBCASE("S10 with a wrong check digit: bad_check_digit for the post, DHL eCommerce listed") {
        REQUIRE(check("LX000000045CN").is_valid());
        const auto verdict = check("LX000000046CN");
        CHECK(verdict.reason == Reason::bad_check_digit);
        CHECK(format_id(verdict.primary_format()) == "china_post_s10");
        CHECK(candidates(verdict) == std::vector<std::string>{"dhl"});
        CHECK(check("LX000000046CN", carrier("dhl")).is_valid());
        CHECK(check("LX000000046CN", carrier("china_post")).reason == Reason::bad_check_digit);
        const auto advised = advise("LX000000054CN"); // 4 and 5 swapped
        CHECK(advised.reason == Reason::bad_check_digit);
        CHECK(advised.suggestion() == "LX000000045CN");
    }
    SUBCASE("12 digits failing FedEx's check: valid for a check-less line only when declared") {
        const auto verdict = check("986578788857");
        CHECK(verdict.reason == Reason::bad_check_digit);
        CHECK(code_of(*verdict.primary_format()) == "fedex");
        CHECK(check("986578788857", carrier("sagawa")).is_valid());
        CHECK(check("986578788857", carrier("zto")).is_valid());
        CHECK_FALSE(check("986578788857", carrier("fedex")).is_valid());
    }
    SUBCASE("a narrower shape-only format keeps its reading: Amazon's C + 10 digits") {
        // UPS waybills are [AHJKTV] + 10 digits with a check; Amazon's A is narrower.
        const auto verdict = check("A1004444444"); // fails UPS's waybill check

        REQUIRE(verdict.is_valid());
        CHECK(code_of(verdict.readings[0].format) == "amazon");
    }
}

TEST_CASE("accuracy: Amazon Logistics, LaserShip/OnTrac 1LS and DHL Paket SSCC") {
    SUBCASE("Amazon: TBA, TBC, TBM and the EU C form, shape-only") {
        for (const std::string number :
             {"TBA619632698000", "TBC038034537009", "TBM502887274000", "C1001234567"}) {
            CAPTURE(number);
            const auto verdict = check(number);
            REQUIRE(verdict.is_valid());
            CHECK(code_of(verdict.readings[0].format) == "amazon");
            CHECK_FALSE(verdict.readings[0].is_check_verified);
        }
        CHECK(format_id(check("CA0012345673").primary_format()) == "amazon_logistics_eu");
        // Not built in: a letter O typed for a zero must stay a typo, not a "sort code".
        CHECK_FALSE(check("TBAONT500361196").is_valid());
        CHECK_FALSE(check("TBB000000000000").is_valid()); // no TBB
        CHECK_FALSE(check("TBA50288727400A").is_valid());
    }
    SUBCASE("1LS in 15, 16, 20 and 21 characters: LaserShip leads, OnTrac accepts when declared") {
        for (const std::string number :
             {"1LS717793482164", "1LS72301001401854622", "1LS716317038000783263"}) {
            CAPTURE(number);
            const auto verdict = check(number);
            REQUIRE(verdict.is_valid());
            CHECK(code_of(verdict.readings[0].format) == "lasership");
            CHECK(candidates(verdict) == std::vector<std::string>{"lasership", "ontrac"});
            CHECK(check(number, carrier("OnTrac")).is_valid());
        }
        CHECK_FALSE(check("1LS7230100140185462").is_valid());    // 19 characters
        CHECK_FALSE(check("1LS7163170380007832631").is_valid()); // 22 characters
        CHECK(check("1LS7230100140185462").reason == Reason::bad_length);
        CHECK(code_of(*check("1LS7230100140185462").primary_format()) == "lasership");
    }
    SUBCASE("00340… 20 digits: DHL Paket's SSCC leads, USPS's 20-digit reading is listed") {
        const auto verdict = check("00340434161094042557");
        REQUIRE(verdict.is_valid());
        CHECK(format_id(verdict.primary_format()) == "dhl_paket_20");
        CHECK(candidates(verdict) == std::vector<std::string>{"dhl_paket", "usps"});
        CHECK(check("00340434161094042557", carrier("usps")).is_valid());
        CHECK(check("00340434161094042558").reason == Reason::bad_check_digit);
    }
}

TEST_CASE("accuracy: a letter where the format wants a digit is the typo") {
    // A letter O in UPS's service field: swaps elsewhere also satisfy the check digit, but
    // only the O → 0 fix brings the number into UPS's usual all-digit service and package.
    const auto verdict = advise("1Z5R8939O357567127");
    CHECK(verdict.reason == Reason::bad_check_digit);
    CHECK(verdict.suggestion() == "1Z5R89390357567127");
    CHECK(verdict.suggestion_kind() == SuggestionKind::letter_for_digit);
    CHECK(explain(verdict, rules()).find("did you mean 1Z5R89390357567127") != std::string::npos);
}

TEST_CASE("accuracy: Purolator's 331426749957 is a valid numeric PIN") {
    // Purolator: 12 digits starting 0-5 with a Luhn check, or 3 letters + 9 digits. The corpus
    // lists this number as an invalid alphanumeric PIN only.
    const auto verdict = check("331426749957");
    REQUIRE(verdict.is_valid());
    CHECK(format_id(verdict.primary_format()) == "purolator_numeric");
    CHECK(verdict.readings[0].is_check_verified);
    CHECK(check("331426749957", carrier("purolator")).is_valid());
    // A mistyped one, declared: Purolator's failed Luhn check, not FedEx's higher-ranked one.
    const auto mistyped = check("331426749950", carrier("purolator"));
    CHECK(mistyped.reason == Reason::bad_check_digit);
    CHECK(format_id(mistyped.primary_format()) == "purolator_numeric");
}
