#pragma once

#include <string>
#include <vector>

namespace vtrguard::carriers {

// The check-digit algorithms carriers use. Names are the ones rule files use (see docs/rules.md).
enum class CheckAlgorithm {
    none,         // the format has no check digit: a match is shape-only
    mod10,        // weighted mod 10; letters count as (ASCII - 3) mod 10
    mod7,         // serial as an integer, mod 7
    s10,          // UPU S10: weights 8 6 4 2 3 5 9 7, 11 - sum mod 11, 10 -> 0, 11 -> 5
    luhn,         // Luhn over serial and check digit
    mod37_36,     // ISO 7064 MOD 37,36 hybrid: check character from 0-9A-Z
    weighted_mod, // sum of serial[i] * weights[i], mod modulo1, mod modulo2
};

// How a format's check digit is verified. Positions count from the start when >= 0 and from the
// end when negative (-1 is the last character); serial_end is exclusive.
struct CheckSpec {
    CheckAlgorithm algorithm = CheckAlgorithm::none;
    int serial_begin = 0;
    int serial_end = -1;
    int check_at = -1;
    std::vector<int> weights; // weighted_mod and s10; repeats when shorter than the serial
    int evens_multiplier = 1; // mod10: weight of 0-based even positions
    int odds_multiplier = 1;  // mod10: weight of 0-based odd positions
    bool reverse = false;     // mod10: count positions from the right
    int modulo1 = 10;         // weighted_mod
    int modulo2 = 10;         // weighted_mod
    std::string prepend;      // digits put before the serial before computing (e.g. USPS "91")
};

// One number format of one carrier service, as data. `pattern` is a small language, not a
// regex: literal characters, `d` (digit), `a` (letter), `x` (letter or digit), a class
// `[A-Z0-9]`, each optionally followed by `{n}` or `{n,m}`, and `(AB|CD)` alternatives of literal
// text. Spaces are ignored. At most one element may have a variable length.
struct FormatSpec {
    std::string id;      // stable, unique: `ups_1z`
    std::string service; // for people: `UPS 1Z`
    std::string pattern;
    CheckSpec check;
    bool country_suffix = false; // the last two letters must be a UPU member country code
    int priority = 0;            // breaks ties between equally specific readings; higher wins
    // Read only when the number is declared under this carrier: a bare digit run with no check
    // digit (ZTO, Sagawa) would otherwise claim every number of its length.
    bool needs_declared = false;
    // The narrower shape most numbers of the format have, in the same language (UPS's 1Z
    // numbers allow letters in the service and package fields, but these are nearly always
    // digits). Only ranks typo fixes: a fix that brings a number into it has found the typo.
    std::string usual_pattern;
};

// What a barcode carries around the tracking number. Both are invalid as uploaded.
enum class PrefixKind {
    routing,      // routing data before the number (USPS `420` + ZIP)
    barcode_data, // the number is the tail of a longer barcode string (FedEx `96…`)
};

// Barcode data in front of a tracking number, as a fixed-length pattern.
struct BarcodePrefix {
    std::string pattern;
    PrefixKind kind = PrefixKind::routing;
    int number_length = 0; // the length of the number behind the prefix; 0 for any
};

// A carrier and every format it issues.
struct CarrierSpec {
    std::string code;                 // stable lower-case code: `ups`, `canada_post`
    std::string name;                 // display name
    std::vector<std::string> aliases; // other names sellers type (matched case-insensitively)
    // The names marketplaces list for the carrier in shipment confirmation (Amazon's `China
    // Post`, `Yun Express`); empty when no marketplace accepts it (domestic lines, Cainiao).
    std::vector<std::string> marketplace_names;
    std::string tracking_url; // public tracking page; `%s` stands for the number
    std::vector<FormatSpec> formats;
    // Data a barcode carries before the tracking number (USPS `420` + ZIP, FedEx `96…`).
    // A number that is valid only once such a prefix is stripped is invalid as uploaded.
    std::vector<BarcodePrefix> barcode_prefixes;
};

} // namespace vtrguard::carriers
