#include <vtrguard/carriers/explain.hpp>
#include <vtrguard/carriers/validator.hpp>

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
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

std::string carrier_of(const Verdict& verdict) {
    const auto format = verdict.primary_format();
    return format ? rules().carrier(rules().format(*format).carrier).code : "";
}

std::vector<std::string> candidate_codes(const Verdict& verdict) {
    std::vector<std::string> codes;
    for (const auto& reading : verdict.all_readings()) {
        codes.push_back(rules().carrier(rules().format(reading.format).carrier).code);
    }
    return codes;
}

struct Vector {
    std::string carrier;
    std::string kind;
    std::string number;
};

std::vector<Vector> read_vectors() {
    std::ifstream in(std::string(VTRGUARD_SOURCE_DIR) + "/tests/data/vectors.tsv");
    std::vector<Vector> vectors;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') {
            continue;
        }
        std::istringstream fields(line);
        Vector vector;
        std::getline(fields, vector.carrier, '\t');
        std::getline(fields, vector.kind, '\t');
        std::getline(fields, vector.number, '\t');
        vectors.push_back(vector);
    }
    return vectors;
}

} // namespace

TEST_CASE("validator: generated vectors and their corruptions") {
    const Validator validator(rules());
    const auto vectors = read_vectors();
    REQUIRE(vectors.size() > 100);
    for (const auto& vector : vectors) {
        CAPTURE(vector.number);
        CAPTURE(vector.kind);
        const auto declared = carrier(vector.carrier);
        const auto verdict = validator.validate(vector.number, declared);
        if (vector.kind == "valid") {
            CHECK(verdict.is_valid());
            CHECK(carrier_of(validator.validate(vector.number)) == vector.carrier);
        } else {
            CHECK_FALSE(verdict.is_valid());
        }
        if (vector.kind == "charset") {
            CHECK(verdict.reason == Reason::bad_charset);
        }
    }
}

TEST_CASE("validator: reasons") {
    const Validator validator(rules());
    CHECK(validator.validate("").reason == Reason::empty);
    CHECK(validator.validate("  \t").reason == Reason::empty);
    CHECK(validator.validate("1Z5R8939*357567127").reason == Reason::bad_charset);
    CHECK(validator.validate(std::string(80, '7')).reason == Reason::bad_length);
    CHECK(validator.validate("12345").reason == Reason::bad_length);
    CHECK(validator.validate("QQQQQQQQQQQQ").reason == Reason::unknown_format);

    SUBCASE("a mistyped UPS digit fails the check digit, and says which service") {
        const auto verdict = validator.validate("1Z5R89390357567128");
        CHECK(verdict.reason == Reason::bad_check_digit);
        CHECK(carrier_of(verdict) == "ups");
        CHECK(explain(verdict, rules()).find("UPS 1Z") != std::string::npos);
    }
    SUBCASE("a carrier's leading letters with the wrong length name that carrier") {
        const auto verdict = validator.validate("1Z5R8939035756712");
        CHECK(verdict.reason == Reason::bad_length);
        CHECK(carrier_of(verdict) == "ups");
        CHECK(explain(verdict, rules()).find("17 characters, but UPS 1Z numbers have 18")
              != std::string::npos);
    }
    SUBCASE("two swapped digits fail it too") {
        CHECK(validator.validate("1Z58R9390357567127").reason == Reason::bad_check_digit);
    }
    SUBCASE("with a declared carrier, charset and length are judged against its formats") {
        CHECK(validator.validate("12345678901A", carrier("fedex")).reason == Reason::bad_charset);
        CHECK(validator.validate("1234", carrier("ups")).reason == Reason::bad_length);
    }
}

TEST_CASE("validator: a number valid for another carrier than declared names that carrier") {
    const Validator validator(rules());
    const auto verdict = validator.validate("1Z5R89390357567127", carrier("usps"));
    CHECK(verdict.reason == Reason::carrier_mismatch);
    CHECK(carrier_of(verdict) == "ups");
    CHECK(explain(verdict, rules()).find("declared as USPS") != std::string::npos);
    CHECK(validator.validate("1Z5R89390357567127", carrier("UPS")).is_valid());
    CHECK(validator.validate("1Z5R89390357567127", carrier("united parcel service")).is_valid());
}

TEST_CASE("validator: USPS routing prefix 420+ZIP is invalid as uploaded, with the fix suggested") {
    const Validator validator(rules());
    SUBCASE("ZIP5") {
        const auto verdict = validator.validate("420 78745 9400111206206406260787");
        CHECK(verdict.reason == Reason::routing_prefix);
        CHECK(carrier_of(verdict) == "usps");
        CHECK(verdict.suggestion() == "9400111206206406260787");
        CHECK(validator.validate(verdict.suggestion()).is_valid());
    }
    SUBCASE("ZIP+4, declared as USPS") {
        const auto verdict = validator.validate("420787451234"
                                                "9400111206206406260787",
                                                carrier("usps"));
        CHECK(verdict.reason == Reason::routing_prefix);
        CHECK(verdict.suggestion() == "9400111206206406260787");
    }
    SUBCASE("a prefix in front of an invalid number suggests nothing") {
        const auto verdict = validator.validate("42078745"
                                                "9400111206206406260788");
        CHECK(verdict.reason != Reason::routing_prefix);
        CHECK(verdict.suggestion().empty());
    }
}

TEST_CASE("validator: ambiguous numbers are valid, the likeliest reading leads, all are listed") {
    const Validator validator(rules());
    SUBCASE("an S10 number starting LX also fits DHL eCommerce's shape: the verified S10 leads") {
        // LX + 8 digits + S10 check + a country: the mod 11 check holds, DHL's shape has none.
        const auto verdict = validator.validate("LX123456785DE");
        REQUIRE(verdict.is_valid());
        CHECK(carrier_of(verdict) == "deutsche_post");
        CHECK(verdict.readings[0].is_check_verified);
        const auto codes = candidate_codes(verdict);
        CHECK(codes == std::vector<std::string>{"deutsche_post", "postal", "dhl"});
        CHECK(validator.validate("LX123456785DE", carrier("dhl")).is_valid());
    }
    SUBCASE("the same shape with a wrong S10 check is a mistyped S10 number, DHL listed") {
        const auto verdict = validator.validate("LX123456786DE");
        CHECK(verdict.reason == Reason::bad_check_digit);
        REQUIRE(verdict.near_miss.has_value());
        CHECK(rules().carrier(rules().format(*verdict.near_miss).carrier).code == "deutsche_post");
        CHECK(candidate_codes(verdict) == std::vector<std::string>{"dhl"});
        CHECK(validator.validate("LX123456786DE", carrier("dhl")).is_valid()); // when declared
    }
    SUBCASE("a national post claims its own S10 suffix over the catch-all") {
        CHECK(carrier_of(validator.validate("RB123456785US")) == "usps");
        CHECK(carrier_of(validator.validate("RB123456785CA")) == "canada_post");
        CHECK(carrier_of(validator.validate("RB123456785GB")) == "royal_mail");
        CHECK(carrier_of(validator.validate("RB123456785CN")) == "china_post");
        CHECK(carrier_of(validator.validate("RB123456785CH")) == "swiss_post");
        CHECK(validator.validate("RB123456785XX").reason != Reason::ok);
    }
    SUBCASE("twelve digits valid for FedEx and Purolator: FedEx leads, Purolator is listed") {
        const auto verdict = validator.validate("287809468872");
        REQUIRE(verdict.is_valid());
        CHECK(carrier_of(verdict) == "fedex");
        const auto codes = candidate_codes(verdict);
        CHECK(std::find(codes.begin(), codes.end(), "purolator") != codes.end());
        const auto declared = validator.validate("287809468872", carrier("purolator"));
        CHECK(declared.is_valid());
        CHECK(carrier_of(declared) == "purolator");
    }
    SUBCASE("a shape-only reading is valid but says it verified no check digit") {
        const auto verdict = validator.validate("TBA123456789012");
        REQUIRE(verdict.is_valid());
        CHECK(carrier_of(verdict) == "amazon");
        CHECK_FALSE(verdict.readings[0].is_check_verified);
    }
}

TEST_CASE("validator: pasted forms normalise to the same verdict") {
    const Validator validator(rules());
    const auto plain = validator.validate("1Z5R89390357567127");
    for (const std::string& pasted : {std::string(" 1z5r8939 0357 5671 27 "),
                                      std::string("1Z-5R8-939-0357-5671-27"),
                                      std::string("\xEF\xBC\x91\xEF\xBC\xBA"
                                                  "5R89390357567127")}) {
        CAPTURE(pasted);
        const auto verdict = validator.validate(pasted);
        CHECK(verdict.is_valid());
        CHECK(verdict.normalized.text() == plain.normalized.text());
    }
}
