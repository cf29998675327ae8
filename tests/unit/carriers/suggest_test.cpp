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

} // namespace

TEST_CASE("suggest: strip_routing_prefix for a USPS barcode with 420+ZIP") {
    const Validator validator(rules());
    const auto verdict = validator.validate("420787459400111206206406260787");
    CHECK_FALSE(verdict.is_valid());
    CHECK(verdict.suggestion() == "9400111206206406260787");
    CHECK(verdict.suggestion_kind() == SuggestionKind::strip_routing_prefix);
    CHECK(suggestion_kind_name(verdict.suggestion_kind()) == "strip_routing_prefix");
}

TEST_CASE("suggest: extract_from_barcode for FedEx 96 barcodes read whole") {
    const Validator validator(rules());
    SUBCASE("22 digits hold the 15-digit Ground number") {
        const auto verdict = validator.validate("9611020987654312345672");
        CHECK(verdict.reason == Reason::barcode_data);
        CHECK(verdict.suggestion() == "987654312345672");
        CHECK(verdict.suggestion_kind() == SuggestionKind::extract_from_barcode);
        CHECK(carrier_of(verdict.suggestion()) == "fedex");
        CHECK(explain(verdict, rules()).find("upload that instead") != std::string::npos);
    }
    SUBCASE("34 digits hold the 12-digit number in their tail") {
        const auto verdict =
            validator.validate("9622001900000000000000776632517510", carrier("fedex"));
        CHECK(verdict.reason == Reason::barcode_data);
        CHECK(verdict.suggestion() == "776632517510");
        CHECK(carrier_of(verdict.suggestion()) == "fedex");
    }
    SUBCASE("a 96 barcode whose inner number fails its check suggests nothing") {
        const auto verdict = validator.validate("9611020987654312345673", carrier("fedex"));
        CHECK_FALSE(verdict.is_valid());
        CHECK(verdict.suggestion().empty());
    }
    SUBCASE("the prefix applies only at the barcode's own length") {
        // 96 + 5 digits + a valid 12-digit FedEx number is no FedEx barcode.
        CHECK(validator
                  .validate("9611020"
                            "986578788855")
                  .suggestion_kind()
              != SuggestionKind::extract_from_barcode);
    }
}

TEST_CASE("suggest: letter_for_digit") {
    const Validator validator(rules());
    SUBCASE("S typed for 5 in a FedEx number") {
        const auto verdict = validator.validate("98657878885S", carrier("fedex"));
        CHECK_FALSE(verdict.is_valid());
        CHECK(verdict.suggestion() == "986578788855");
        CHECK(verdict.suggestion_kind() == SuggestionKind::letter_for_digit);
        CHECK(explain(verdict, rules()).find("did you mean 986578788855") != std::string::npos);
    }
    SUBCASE("O typed for 0 throughout is fixed as a whole") {
        const auto zeros = validator.validate("TBAOOO123456789", carrier("amazon"));
        CHECK(zeros.suggestion() == "TBA000123456789");
        CHECK(zeros.suggestion_kind() == SuggestionKind::letter_for_digit);
    }
    SUBCASE("I typed for 1 where a letter also fits") {
        const auto verdict = validator.validate("RBI23456785GB");
        CHECK(verdict.suggestion() == "RB123456785GB");
        CHECK(verdict.suggestion_kind() == SuggestionKind::letter_for_digit);
    }
    SUBCASE("a look-alike with no valid result suggests nothing") {
        CHECK(validator.validate("98657878885O", carrier("fedex")).suggestion().empty());
    }
    SUBCASE("8 typed for B in the service letters") {
        const auto verdict = validator.validate("R8123456785GB");
        CHECK(verdict.suggestion() == "RB123456785GB");
        CHECK(verdict.suggestion_kind() == SuggestionKind::letter_for_digit);
    }
    SUBCASE("the fix must be valid for the declared carrier") {
        // RB123456785GB is Royal Mail's: declared as USPS, there is nothing to suggest.
        CHECK(validator.validate("RBI23456785GB", carrier("usps")).suggestion().empty());
    }
}

TEST_CASE("suggest: transposition") {
    const Validator validator(rules());
    SUBCASE("two digits swapped in an S10 number, only one swap back is valid") {
        const auto verdict = validator.validate("EA723844556CN");
        CHECK(verdict.reason == Reason::bad_check_digit);
        CHECK(verdict.suggestion() == "EA723844565CN");
        CHECK(verdict.suggestion_kind() == SuggestionKind::transposition);
        CHECK(carrier_of(verdict.suggestion()) == "china_post");
    }
    SUBCASE("a letter and a digit swapped in a UPS number") {
        const auto verdict = validator.validate("1ZG2K9AJ6341270237");
        CHECK(verdict.suggestion() == "1Z2GK9AJ6341270237");
        CHECK(verdict.suggestion_kind() == SuggestionKind::transposition);
    }
}

TEST_CASE("suggest: a failed check digit keeps the fix to that carrier") {
    const Validator validator(rules());
    // A FedEx Express number with its last two digits swapped: a fix into another carrier's
    // 12-digit format would be a coincidence.
    const auto verdict = validator.validate("986578788585");
    REQUIRE(verdict.reason == Reason::bad_check_digit);
    CHECK(verdict.suggestion() == "986578788855");
    CHECK(verdict.suggestion_kind() == SuggestionKind::transposition);
    SUBCASE("a FedEx 96 barcode with a bad inner number is not turned into a USPS number") {
        // Swapping 96 to 91 would give a valid USPS legacy number.
        CHECK(carrier_of("9161020987654312345673") == "usps");
        CHECK(validator.validate("9611020987654312345673").suggestion().empty());
    }
}

TEST_CASE("suggest: nothing when two different fixes are both valid") {
    const Validator validator(rules());
    SUBCASE("two swaps each give a valid S10 number") {
        CHECK(carrier_of("RB123456785GB") == "royal_mail");
        CHECK(carrier_of("RB213465785GB") == "royal_mail");
        const auto verdict = validator.validate("RB213456785GB");
        CHECK(verdict.reason == Reason::bad_check_digit);
        CHECK(verdict.suggestion().empty());
        CHECK(verdict.suggestion_kind() == SuggestionKind::none);
    }
    SUBCASE("O for 0 and two swaps each give a valid UPS number") {
        CHECK(carrier_of("1Z5R89390357567127") == "ups");
        CHECK(carrier_of("1Z5R8399O357567127") == "ups");
        CHECK(carrier_of("1Z5R8993O357567127") == "ups");
        CHECK(validator.validate("1Z5R8939O357567127").suggestion().empty());
    }
}

TEST_CASE("suggest: valid numbers and foreign characters carry none") {
    const Validator validator(rules());
    CHECK_FALSE(validator.validate("1Z5R89390357567127").fix.has_value());
    CHECK_FALSE(validator.validate("1Z5R8939#357567127").fix.has_value());
    CHECK_FALSE(validator.validate("").fix.has_value());
}
