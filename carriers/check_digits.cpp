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

std::optional<char>
mod10_check(std::string_view serial, int evens_multiplier, int odds_multiplier, bool reverse) {
    int total = 0;
    const std::size_t length = serial.size();
    // With `reverse`, position i counts from the right: flip which multiplier comes first.
    const bool is_first_even = !reverse || length % 2 == 1;
    const int first = is_first_even ? evens_multiplier : odds_multiplier;
    const int second = is_first_even ? odds_multiplier : evens_multiplier;
    for (std::size_t i = 0; i < length; ++i) {
        const int value = k_mod10_values[static_cast<unsigned char>(serial[i])];
        if (value < 0) {
            return std::nullopt;
        }
        total += value * (i % 2 == 0 ? first : second);
    }
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
        int sum = (product + value) % k_modulus;
        if (sum == 0) {
            sum = k_modulus;
        }
        product = (sum * 2) % (k_modulus + 1);
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
    const std::size_t begin = resolve(spec.serial_begin, length);
    const std::size_t end = resolve(spec.serial_end, length);
    const std::size_t check_at = resolve(spec.check_at, length);
    if (begin > end || end > length || check_at >= length) {
        return false;
    }
    std::string_view serial = number.substr(begin, end - begin);
    // A prepend applies only when the serial does not already carry it (USPS "91", OnTrac "4").
    std::array<char, k_max_serial> buffer{};
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
