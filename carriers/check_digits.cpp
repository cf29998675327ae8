#include "byte_chunks.hpp"

#include <vtrguard/carriers/check_digits.hpp>

#include <array>
#include <cstddef>
#include <cstdint>

namespace vtrguard::carriers {

namespace {

constexpr std::size_t k_max_serial = 64;

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

bool is_upper(char c) {
    return c >= 'A' && c <= 'Z';
}

char digit_char(int value) {
    return static_cast<char>('0' + value);
}

// Resolves a position that may count from the end (-1 is the last character).
std::size_t resolve(int position, std::size_t length) {
    return position >= 0 ? static_cast<std::size_t>(position)
                         : length - static_cast<std::size_t>(-position);
}

// mod 10 weighs digits as themselves and letters, by UPS's convention, as (ASCII - 3) mod 10;
// -1 marks characters it cannot weigh. A table keeps the division off the per-character path.
constexpr std::array<std::int8_t, 256> make_mod10_values() {
    std::array<std::int8_t, 256> values{};
    values.fill(-1);
    for (int c = '0'; c <= '9'; ++c) {
        values[static_cast<std::size_t>(c)] = static_cast<std::int8_t>(c - '0');
    }
    for (int c = 'A'; c <= 'Z'; ++c) {
        values[static_cast<std::size_t>(c)] = static_cast<std::int8_t>((c - 3) % 10);
    }
    return values;
}

constexpr std::array<std::int8_t, 256> k_mod10_values = make_mod10_values();

} // namespace

namespace {

// The mod 10 values of `serial` summed over its even and its odd (0-based) positions; nullopt
// when a character has no value.
struct ParitySums {
    int even = 0;
    int odd = 0;
};

std::optional<ParitySums> parity_sums(std::string_view serial) {
    using namespace byte_chunks;
    constexpr std::uint64_t k_even_bytes = 0x00FF00FF00FF00FFU;
    constexpr std::uint64_t k_lane_sum = 0x0001000100010001U; // adds four 16-bit lanes
    ParitySums sums;
    std::size_t at = 0;
    // Digits eight at a time (the long USPS and FedEx serials are all digits): one subtraction
    // makes each byte its value, and a multiplication adds up four bytes of each parity.
    for (; at + 8 <= serial.size(); at += 8) {
        const std::uint64_t bytes = load(serial.data() + at);
        if ((in_range(bytes & ~k_highs, '0', '9') & ~bytes) != k_highs) {
            break; // a letter (UPS) or a bad character: the loop below takes over
        }
        const std::uint64_t values = bytes - k_ones * '0';
        sums.even += static_cast<int>(((values & k_even_bytes) * k_lane_sum) >> 48U);
        sums.odd += static_cast<int>((((values >> 8U) & k_even_bytes) * k_lane_sum) >> 48U);
    }
    for (; at < serial.size(); ++at) {
        const int value = k_mod10_values[static_cast<unsigned char>(serial[at])];
        if (value < 0) {
            return std::nullopt;
        }
        (at % 2 == 0 ? sums.even : sums.odd) += value;
    }
    return sums;
}

} // namespace

std::optional<char>
mod10_check(std::string_view serial, int evens_multiplier, int odds_multiplier, bool reverse) {
    const auto sums = parity_sums(serial);
    if (!sums) {
        return std::nullopt;
    }
    // With `reverse`, position i counts from the right: flip which multiplier comes first.
    const bool is_first_even = !reverse || serial.size() % 2 == 1;
    const int first = is_first_even ? evens_multiplier : odds_multiplier;
    const int second = is_first_even ? odds_multiplier : evens_multiplier;
    const int total = sums->even * first + sums->odd * second;
    return digit_char((10 - total % 10) % 10);
}

std::optional<char> mod7_check(std::string_view serial) {
    // Accumulate in 64 bits and reduce rarely: a division per digit would dominate the cost.
    std::uint64_t value = 0;
    std::size_t pending = 0;
    for (const char c : serial) {
        if (!is_digit(c)) {
            return std::nullopt;
        }
        value = value * 10 + static_cast<std::uint64_t>(c - '0');
        if (++pending == 18) {
            value %= 7;
            pending = 0;
        }
    }
    return digit_char(static_cast<int>(value % 7));
}

std::optional<char> s10_check(std::string_view serial) {
    static constexpr std::array<int, 8> k_weights{8, 6, 4, 2, 3, 5, 9, 7};
    if (serial.size() != k_weights.size()) {
        return std::nullopt;
    }
    int total = 0;
    for (std::size_t i = 0; i < serial.size(); ++i) {
        if (!is_digit(serial[i])) {
            return std::nullopt;
        }
        total += (serial[i] - '0') * k_weights[i];
    }
    const int check = 11 - total % 11;
    if (check == 10) {
        return '0';
    }
    if (check == 11) {
        return '5';
    }
    return digit_char(check);
}

std::optional<char> luhn_check(std::string_view serial) {
    int total = 0;
    // Double every second digit counting leftwards from the digit next to the check digit.
    bool is_doubled = true;
    for (auto it = serial.rbegin(); it != serial.rend(); ++it) {
        if (!is_digit(*it)) {
            return std::nullopt;
        }
        int value = *it - '0';
        if (is_doubled) {
            value *= 2;
            if (value > 9) {
                value -= 9;
            }
        }
        total += value;
        is_doubled = !is_doubled;
    }
    return digit_char((10 - total % 10) % 10);
}

std::optional<char> mod37_36_check(std::string_view serial) {
    constexpr int k_modulus = 36;
    static constexpr std::string_view k_alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    int product = k_modulus;
    for (const char c : serial) {
        int value = 0;
        if (is_digit(c)) {
            value = c - '0';
        } else if (is_upper(c)) {
            value = c - 'A' + 10;
        } else {
            return std::nullopt;
        }
        // product <= 36 and value <= 35, so each modulo is at most one subtraction: cheaper
        // than a division per character.
        int sum = product + value;
        sum -= sum >= k_modulus ? k_modulus : 0;
        if (sum == 0) {
            sum = k_modulus;
        }
        product = sum * 2;
        product -= product >= k_modulus + 1 ? k_modulus + 1 : 0;
    }
    const int check = (k_modulus + 1 - product) % k_modulus;
    return k_alphabet[static_cast<std::size_t>(check)];
}

std::optional<char> weighted_mod_check(std::string_view serial,
                                       const std::vector<int>& weights,
                                       int modulo1,
                                       int modulo2) {
    if (weights.empty() || modulo1 <= 0 || modulo2 <= 0) {
        return std::nullopt;
    }
    int total = 0;
    std::size_t weight = 0; // cycles through the weights without a division per digit
    for (const char c : serial) {
        if (!is_digit(c)) {
            return std::nullopt;
        }
        total += (c - '0') * weights[weight];
        weight = weight + 1 == weights.size() ? 0 : weight + 1;
    }
    const int check = total % modulo1 % modulo2;
    return check < 10 ? std::optional<char>(digit_char(check)) : std::nullopt;
}

std::optional<char> expected_check(const CheckSpec& spec, std::string_view serial) {
    switch (spec.algorithm) {
    case CheckAlgorithm::none:
        return std::nullopt;
    case CheckAlgorithm::mod10:
        return mod10_check(serial, spec.evens_multiplier, spec.odds_multiplier, spec.reverse);
    case CheckAlgorithm::mod7:
        return mod7_check(serial);
    case CheckAlgorithm::s10:
        return s10_check(serial);
    case CheckAlgorithm::luhn:
        return luhn_check(serial);
    case CheckAlgorithm::mod37_36:
        return mod37_36_check(serial);
    case CheckAlgorithm::weighted_mod:
        return weighted_mod_check(serial, spec.weights, spec.modulo1, spec.modulo2);
    }
    return std::nullopt;
}

bool check_digit_matches(const CheckSpec& spec, std::string_view number) {
    if (spec.algorithm == CheckAlgorithm::none) {
        return true;
    }
    const std::size_t length = number.size();
    return check_digit_matches(spec,
                               number,
                               resolve(spec.serial_begin, length),
                               resolve(spec.serial_end, length),
                               resolve(spec.check_at, length));
}

bool check_digit_matches(const CheckSpec& spec,
                         std::string_view number,
                         std::size_t begin,
                         std::size_t end,
                         std::size_t check_at) {
    if (begin > end || end > number.size() || check_at >= number.size()) {
        return false;
    }
    std::string_view serial = number.substr(begin, end - begin);
    // A prepend applies only when the serial does not already carry it (USPS "91", OnTrac "4").
    // The buffer is filled before it is read, so it is left uninitialised on the hot path.
    std::array<char, k_max_serial> buffer; // NOLINT(cppcoreguidelines-pro-type-member-init)
    if (!spec.prepend.empty() && !serial.starts_with(spec.prepend)) {
        if (spec.prepend.size() + serial.size() > buffer.size()) {
            return false;
        }
        const auto tail = spec.prepend.copy(buffer.data(), spec.prepend.size());
        serial.copy(buffer.data() + tail, serial.size());
        serial = std::string_view(buffer.data(), tail + serial.size());
    }
    const auto expected = expected_check(spec, serial);
    return expected && *expected == number[check_at];
}

namespace {

struct AlgorithmName {
    CheckAlgorithm algorithm;
    std::string_view name;
};

constexpr std::array k_algorithm_names{
    AlgorithmName{CheckAlgorithm::none, "none"},
    AlgorithmName{CheckAlgorithm::mod10, "mod10"},
    AlgorithmName{CheckAlgorithm::mod7, "mod7"},
    AlgorithmName{CheckAlgorithm::s10, "s10"},
    AlgorithmName{CheckAlgorithm::luhn, "luhn"},
    AlgorithmName{CheckAlgorithm::mod37_36, "mod37_36"},
    AlgorithmName{CheckAlgorithm::weighted_mod, "weighted_mod"},
};

} // namespace

std::string_view algorithm_name(CheckAlgorithm algorithm) {
    for (const auto& entry : k_algorithm_names) {
        if (entry.algorithm == algorithm) {
            return entry.name;
        }
    }
    return "none";
}

std::optional<CheckAlgorithm> algorithm_from_name(std::string_view name) {
    for (const auto& entry : k_algorithm_names) {
        if (entry.name == name) {
            return entry.algorithm;
        }
    }
    return std::nullopt;
}

} // namespace vtrguard::carriers
