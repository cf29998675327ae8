#include <vtrguard/carriers/explain.hpp>
#include <vtrguard/carriers/validator.hpp>

#include <doctest/doctest.h>

#include <string>

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

std::string carrier_of(std::string_view number) {
    const auto verdict = Validator(rules()).validate(number);
    const auto format = verdict.primary_format();
    return verdict.is_valid() && format ? rules().carrier(rules().format(*format).carrier).code
                                        : "";
}

// The verdict as `vtrguard validate` shows it: a typo fix is looked for when it is invalid.
Verdict advise(std::string_view number, std::optional<CarrierId> declared = std::nullopt) {
    const Validator validator(rules());
    auto verdict = validator.validate(number, declared);
    validator.suggest_typo_fix(verdict);
    return verdict;
}

} // namespace

TEST_CASE("suggest: strip_routing_prefix for a USPS barcode with 420+ZIP") {
    const auto verdict = advise("420787459400111206206406260787");
    CHECK_FALSE(verdict.is_valid());
    CHECK(verdict.suggestion() == "9400111206206406260787");
    CHECK(verdict.suggestion_kind() == SuggestionKind::strip_routing_prefix);
    CHECK(suggestion_kind_name(verdict.suggestion_kind()) == "strip_routing_prefix");
}

TEST_CASE("suggest: extract_from_barcode for FedEx 96 barcodes read whole") {
    SUBCASE("22 digits hold the 15-digit Ground number") {
        const auto verdict = advise("9611020987654312345672");
        CHECK(verdict.reason == Reason::barcode_data);
        CHECK(verdict.suggestion() == "987654312345672");
        CHECK(verdict.suggestion_kind() == SuggestionKind::extract_from_barcode);
        CHECK(carrier_of(verdict.suggestion()) == "fedex");
        CHECK(explain(verdict, rules()).find("upload that instead") != std::string::npos);
    }
    SUBCASE("34 digits hold the 12-digit number in their tail") {
        const auto verdict = advise("9622001900000000000000776632517510", carrier("fedex"));
        CHECK(verdict.reason == Reason::barcode_data);
        CHECK(verdict.suggestion() == "776632517510");
        CHECK(carrier_of(verdict.suggestion()) == "fedex");
    }
    SUBCASE("a 96 barcode whose inner number fails its check suggests nothing") {
        const auto verdict = advise("9611020987654312345673", carrier("fedex"));
        CHECK_FALSE(verdict.is_valid());
        CHECK(verdict.suggestion().empty());
    }
    SUBCASE("the prefix applies only at the barcode's own length") {
        // 96 + 5 digits + a valid 12-digit FedEx number is no FedEx barcode.
        CHECK(advise("9611020"
                     "986578788855")
                  .suggestion_kind()
              != SuggestionKind::extract_from_barcode);
    }
}

TEST_CASE("suggest: letter_for_digit") {
    SUBCASE("S typed for 5 in a FedEx number") {
        const auto verdict = advise("98657878885S", carrier("fedex"));
        CHECK_FALSE(verdict.is_valid());
        CHECK(verdict.suggestion() == "986578788855");
        CHECK(verdict.suggestion_kind() == SuggestionKind::letter_for_digit);
        CHECK(explain(verdict, rules()).find("did you mean 986578788855") != std::string::npos);
    }
    SUBCASE("O typed for 0 throughout is fixed as a whole") {
        const auto zeros = advise("TBAOOO123456789", carrier("amazon"));
        CHECK(zeros.suggestion() == "TBA000123456789");
        CHECK(zeros.suggestion_kind() == SuggestionKind::letter_for_digit);
    }
    SUBCASE("I typed for 1 where a letter also fits") {
        const auto verdict = advise("RBI23456785GB");
        CHECK(verdict.suggestion() == "RB123456785GB");
        CHECK(verdict.suggestion_kind() == SuggestionKind::letter_for_digit);
    }
    SUBCASE("a look-alike with no valid result suggests nothing") {
        CHECK(advise("98657878885O", carrier("fedex")).suggestion().empty());
    }
    SUBCASE("8 typed for B in the service letters") {
        const auto verdict = advise("R8123456785GB");
        CHECK(verdict.suggestion() == "RB123456785GB");
        CHECK(verdict.suggestion_kind() == SuggestionKind::letter_for_digit);
    }
    SUBCASE("the fix must be valid for the declared carrier") {
        // RB123456785GB is Royal Mail's: declared as USPS, there is nothing to suggest.
        CHECK(advise("RBI23456785GB", carrier("usps")).suggestion().empty());
    }
}

TEST_CASE("suggest: transposition") {
    SUBCASE("two digits swapped in an S10 number, only one swap back is valid") {
        const auto verdict = advise("EA723844556CN");
        CHECK(verdict.reason == Reason::bad_check_digit);
        CHECK(verdict.suggestion() == "EA723844565CN");
        CHECK(verdict.suggestion_kind() == SuggestionKind::transposition);
        CHECK(carrier_of(verdict.suggestion()) == "china_post");
    }
    SUBCASE("a letter and a digit swapped in a UPS number") {
        const auto verdict = advise("1ZG2K9AJ6341270237");
        CHECK(verdict.suggestion() == "1Z2GK9AJ6341270237");
        CHECK(verdict.suggestion_kind() == SuggestionKind::transposition);
    }
}

TEST_CASE("suggest: a failed check digit keeps the fix to that carrier") {
    // A FedEx Express number with its last two digits swapped: a fix into another carrier's
    // 12-digit format would be a coincidence.
    const auto verdict = advise("986578788585");
    REQUIRE(verdict.reason == Reason::bad_check_digit);
    CHECK(verdict.suggestion() == "986578788855");
    CHECK(verdict.suggestion_kind() == SuggestionKind::transposition);
    SUBCASE("a FedEx 96 barcode with a bad inner number is not turned into a USPS number") {
        // Swapping 96 to 91 would give a valid USPS legacy number.
        CHECK(carrier_of("9161020987654312345673") == "usps");
        CHECK(advise("9611020987654312345673").suggestion().empty());
    }
}

TEST_CASE("suggest: nothing when two different fixes are both valid") {
    SUBCASE("two swaps each give a valid S10 number") {
        CHECK(carrier_of("RB123456785GB") == "royal_mail");
        CHECK(carrier_of("RB213465785GB") == "royal_mail");
        const auto verdict = advise("RB213456785GB");
        CHECK(verdict.reason == Reason::bad_check_digit);
        CHECK(verdict.suggestion().empty());
        CHECK(verdict.suggestion_kind() == SuggestionKind::none);
    }
    SUBCASE("O for 0 and two swaps each give a valid UPS number: the O is the typo") {
        // The swaps leave the O in the digits-only service field; only the O fix does not.
        CHECK(carrier_of("1Z5R89390357567127") == "ups");
        CHECK(carrier_of("1Z5R8399O357567127") == "ups");
        CHECK(carrier_of("1Z5R8993O357567127") == "ups");
        CHECK(advise("1Z5R8939O357567127").suggestion() == "1Z5R89390357567127");
    }
}

TEST_CASE("suggest: validate() alone looks for no typo fix; advice is asked for") {
    const Validator validator(rules());
    auto verdict = validator.validate("EA723844556CN");
    CHECK_FALSE(verdict.fix.has_value());
    validator.suggest_typo_fix(verdict);
    CHECK(verdict.suggestion() == "EA723844565CN");
    // A barcode's number inside comes with validate() itself: no search is needed.
    CHECK(validator.validate("9611020987654312345672").suggestion() == "987654312345672");
}

TEST_CASE("suggest: valid numbers, foreign characters and overlong input carry none") {
    CHECK_FALSE(advise(std::string(80, '9')).fix.has_value());
    CHECK_FALSE(advise("1Z5R89390357567127").fix.has_value());
    CHECK_FALSE(advise("1Z5R8939#357567127").fix.has_value());
    CHECK_FALSE(advise("").fix.has_value());
}
