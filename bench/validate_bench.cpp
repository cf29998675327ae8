// Detect + validate throughput on one core over a reproducible mixed corpus: every built-in
// format, valid numbers and corrupted ones (mistyped, transposed, truncated, pasted with
// spaces and lower case). Usage: vtrguard_bench_validate [COUNT] [--write FILE | --read FILE]
// (--read measures a corpus written earlier, e.g. by an older build, one number per line).
#include <vtrguard/carriers/check_digits.hpp>
#include <vtrguard/carriers/ruleset.hpp>
#include <vtrguard/carriers/validator.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <random>
#include <string>
#include <sys/resource.h>
#include <vector>

namespace {

using namespace vtrguard::carriers;

constexpr std::string_view k_alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

// A random number that matches `format`'s pattern and, where it has one, its check digit.
std::string make_valid(const Ruleset& rules, FormatId id, std::mt19937_64& rng) {
    const auto& format = rules.format(id);
    const auto& spec = rules.format_spec(id);
    for (int attempt = 0; attempt < 64; ++attempt) {
        std::string number;
        for (const auto& element : format.pattern.elements) {
            std::vector<char> allowed;
            for (std::size_t c = 0; c < k_alphabet.size(); ++c) {
                if ((element.allowed & (CharMask{1} << c)) != 0) {
                    allowed.push_back(k_alphabet[c]);
                }
            }
            for (int i = 0; i < element.count_min; ++i) {
                number.push_back(allowed[rng() % allowed.size()]);
            }
        }
        if (spec.check.algorithm == CheckAlgorithm::none) {
            return number;
        }
        const std::size_t check_at =
            spec.check.check_at >= 0
                ? static_cast<std::size_t>(spec.check.check_at)
                : number.size() - static_cast<std::size_t>(-spec.check.check_at);
        for (const char candidate : k_alphabet) {
            number[check_at] = candidate;
            if (format.pattern.matches(number) && check_digit_matches(spec.check, number)) {
                return number;
            }
        }
    }
    return "1Z5R89390357567127";
}

std::string corrupt(std::string number, std::mt19937_64& rng) {
    const std::size_t at = rng() % number.size();
    switch (rng() % 5) {
    case 0: // a mistyped digit
        number[at] = static_cast<char>('0' + (rng() % 10));
        break;
    case 1: // two neighbours swapped
        if (at + 1 < number.size()) {
            std::swap(number[at], number[at + 1]);
        }
        break;
    case 2: // a character lost
        number.erase(at, 1);
        break;
    case 3: { // pasted with spaces and in lower case
        std::string pasted = "  ";
        for (std::size_t i = 0; i < number.size(); ++i) {
            const char c = number[i];
            pasted.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
            if (i == number.size() / 2) {
                pasted.push_back(' ');
            }
        }
        pasted.push_back('\t');
        return pasted;
    }
    default: // a letter O typed for a zero
        number[at] = 'O';
        break;
    }
    return number;
}

std::vector<std::string> make_corpus(const Ruleset& rules, std::size_t count) {
    std::mt19937_64 rng(20261127); // fixed seed: the same corpus every run
    std::vector<FormatId> ids;
    for (std::size_t length = 1; length <= k_max_pattern_length; ++length) {
        for (const char first : k_alphabet) {
            for (const FormatId id : rules.candidates(length, first)) {
                if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
                    ids.push_back(id);
                }
            }
        }
    }
    std::vector<std::string> corpus;
    corpus.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        std::string number = make_valid(rules, ids[i % ids.size()], rng);
        corpus.push_back(rng() % 10 < 6 ? number : corrupt(number, rng));
    }
    return corpus;
}

// CPU time of this thread: the figure is per core even when other processes share the machine.
double thread_cpu_seconds() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

// Kept out of line so `valgrind --tool=callgrind --toggle-collect='*validate_corpus*'` counts
// the instructions of validation alone, without building the corpus.
[[gnu::noinline]] std::size_t validate_corpus(const Validator& validator,
                                              const std::vector<std::string>& corpus) {
    std::size_t valid = 0;
    for (const auto& number : corpus) {
        valid += validator.validate(number).is_valid() ? 1U : 0U;
    }
    return valid;
}

// What `vtrguard validate` does per number: validate, and look for a typo fix when invalid.
[[gnu::noinline]] std::size_t advise_corpus(const Validator& validator,
                                            const std::vector<std::string>& corpus) {
    std::size_t fixed = 0;
    for (const auto& number : corpus) {
        auto verdict = validator.validate(number);
        if (!verdict.is_valid()) {
            validator.suggest_typo_fix(verdict);
            fixed += verdict.fix ? 1U : 0U;
        }
    }
    return fixed;
}

long peak_rss_kib() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

} // namespace

int main(int argc, char** argv) {
    std::size_t count = 1'000'000;
    std::string write_path;
    std::string read_path;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--write" && i + 1 < argc) {
            write_path = argv[++i];
        } else if (arg == "--read" && i + 1 < argc) {
            read_path = argv[++i];
        } else {
            count = std::strtoull(arg.c_str(), nullptr, 10);
        }
    }
    const auto& rules = Ruleset::builtin();
    std::vector<std::string> corpus;
    if (read_path.empty()) {
        corpus = make_corpus(rules, count);
    } else {
        std::ifstream in(read_path, std::ios::binary);
        for (std::string line; std::getline(in, line);) {
            corpus.push_back(line);
        }
    }
    if (!write_path.empty()) {
        std::ofstream out(write_path, std::ios::binary);
        for (const auto& number : corpus) {
            out << number << '\n';
        }
        std::printf("wrote %zu numbers to %s\n", corpus.size(), write_path.c_str());
        return 0;
    }

    const Validator validator(rules);
    constexpr int k_passes = 5;
    std::size_t valid = 0;
    double best_seconds = 1e9;
    for (int pass = 0; pass < k_passes; ++pass) {
        const double start = thread_cpu_seconds();
        const std::size_t pass_valid = validate_corpus(validator, corpus);
        best_seconds = std::min(best_seconds, thread_cpu_seconds() - start);
        valid = pass_valid;
    }
    std::printf("corpus: %zu numbers, %zu valid (%.1f%%)\n",
                corpus.size(),
                valid,
                100.0 * static_cast<double>(valid) / static_cast<double>(corpus.size()));
    std::printf("detect+validate: %.1f million numbers/s on one core (thread CPU time, best of %d "
                "passes, %.1f ns each)\n",
                static_cast<double>(corpus.size()) / best_seconds / 1e6,
                k_passes,
                best_seconds * 1e9 / static_cast<double>(corpus.size()));
    double advise_seconds = 1e9;
    std::size_t fixed = 0;
    for (int pass = 0; pass < k_passes; ++pass) {
        const double start = thread_cpu_seconds();
        fixed = advise_corpus(validator, corpus);
        advise_seconds = std::min(advise_seconds, thread_cpu_seconds() - start);
    }
    std::printf("validate + typo advice for invalid numbers: %.1f million numbers/s (%.1f ns "
                "each; %zu fixes suggested)\n",
                static_cast<double>(corpus.size()) / advise_seconds / 1e6,
                advise_seconds * 1e9 / static_cast<double>(corpus.size()),
                fixed);
    std::printf("peak RSS: %.1f MiB\n", static_cast<double>(peak_rss_kib()) / 1024.0);
    return 0;
}
