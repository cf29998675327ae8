// Property: a number gets the same verdict however it arrives: as an argument, on stdin or
// from --file, alone or among others, in inputs of every size from 1 to 64 bytes. The numbers
// are every valid sample of the conformance corpus (../shared, skipped when absent) and of
// tests/data/vectors.tsv. In-process through the real readers and writer for every number and
// size; through the real binary in batches.
#include "cli/number_source.hpp"
#include "cli/verdict_writer.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <vtrguard/carriers/ruleset.hpp>
#include <vtrguard/carriers/validator.hpp>
#include <vtrguard/core/text_stream.hpp>

#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include <unistd.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using vtrguard::carriers::Ruleset;
using vtrguard::carriers::Validator;
using vtrguard::cli::NumberLine;
using vtrguard::cli::NumberReader;
using vtrguard::cli::OutputFormat;
using vtrguard::cli::VerdictWriter;
using vtrguard::test::run_vtrguard;

constexpr std::size_t k_max_input = 64;

std::string trimmed(std::string text) {
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
        text.pop_back();
    }
    return text;
}

void add_vectors(std::vector<std::string>& numbers) {
    std::ifstream in(fs::path(VTRGUARD_SOURCE_DIR) / "tests/data/vectors.tsv");
    REQUIRE(in);
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        std::string carrier;
        std::string kind;
        std::string number;
        std::getline(fields, carrier, '\t');
        std::getline(fields, kind, '\t');
        std::getline(fields, number, '\t');
        if (kind == "valid" && !trimmed(number).empty()) {
            numbers.push_back(trimmed(number));
        }
    }
}

// Every valid sample of the corpus; false (and a message) when the corpus is absent.
bool add_corpus(std::vector<std::string>& numbers) {
    const fs::path corpus =
        fs::path(VTRGUARD_SHARED_DIR) / "conformance/tracking_number_data/couriers";
    if (!fs::is_directory(corpus)) {
        MESSAGE("corpus part skipped: conformance corpus not found at " << corpus.string()
                                                                        << " (../shared)");
        return false;
    }
    for (const auto& entry : fs::directory_iterator(corpus)) {
        if (entry.path().extension() != ".json") {
            continue;
        }
        std::ifstream in(entry.path(), std::ios::binary);
        const std::string text{std::istreambuf_iterator<char>(in), {}};
        rapidjson::Document doc;
        doc.Parse(text.c_str());
        REQUIRE_FALSE(doc.HasParseError());
        for (const auto& type : doc["tracking_numbers"].GetArray()) {
            for (const auto& sample : type["test_numbers"]["valid"].GetArray()) {
                const std::string number = trimmed(sample.GetString());
                if (!number.empty() && number.find('\n') == std::string::npos) {
                    numbers.emplace_back(number);
                }
            }
        }
    }
    return true;
}

std::vector<std::string> all_numbers() {
    std::vector<std::string> numbers;
    add_vectors(numbers);
    add_corpus(numbers);
    REQUIRE(numbers.size() > 50);
    return numbers;
}

// What `validate --format json` prints for these texts given as arguments.
class Judge {
public:
    std::string as_argument(const std::string& text) const {
        std::string out;
        auto verdict = m_validator.validate(text);
        if (!verdict.is_valid()) {
            m_validator.suggest_typo_fix(verdict);
        }
        m_writer.write(out, text, verdict);
        return out;
    }

    // The verdicts of the numbers read from `input` through a real pipe, as stdin is read.
    std::string through_stdin(const std::string& input) const {
        std::array<int, 2> fds{};
        REQUIRE(::pipe(fds.data()) == 0);
        REQUIRE(::write(fds[1], input.data(), input.size()) == static_cast<ssize_t>(input.size()));
        ::close(fds[1]);
        std::string out;
        {
            vtrguard::core::FdStreambuf raw(fds[0]);
            auto text = vtrguard::core::TextStreambuf::open(raw, std::nullopt, "<stdin>");
            REQUIRE(text);
            NumberReader reader(**text);
            NumberLine line;
            while (reader.next(line)) {
                REQUIRE_FALSE(line.problem);
                out += as_argument(line.text);
            }
        }
        ::close(fds[0]);
        return out;
    }

private:
    const Ruleset& m_rules = Ruleset::builtin();
    Validator m_validator{m_rules};
    VerdictWriter m_writer{OutputFormat::json, m_rules};
};

} // namespace

TEST_CASE("property: a number's verdict does not depend on how it arrives, at every input size") {
    const auto numbers = all_numbers();
    const Judge judge;
    std::size_t inputs = 0;
    for (std::size_t n = 0; n < numbers.size(); ++n) {
        const std::string& number = numbers[n];
        const std::string& other = numbers[(n + 1) % numbers.size()];
        const std::string expected = judge.as_argument(number);
        for (std::size_t size = 1; size <= k_max_input; ++size) {
            CAPTURE(number);
            CAPTURE(size);
            if (size < number.size()) {
                // Shorter than the number: its first bytes, judged as the same argument.
                const std::string prefix = trimmed(number.substr(0, size));
                if (prefix.find_first_not_of(' ') != std::string::npos && prefix[0] != '#') {
                    CHECK(judge.through_stdin(number.substr(0, size)) == judge.as_argument(prefix));
                    ++inputs;
                }
                continue;
            }
            // Alone: blank lines before it fill the input to `size` bytes.
            const std::size_t pad = size - number.size();
            const std::string alone =
                pad == 0 ? number : std::string(pad - 1, '\n') + number + "\n";
            CHECK(judge.through_stdin(alone) == expected);
            ++inputs;
            // Among others: another number first, then CRLF line ends.
            if (size >= other.size() + number.size() + 3) {
                const std::size_t gap = size - other.size() - number.size() - 3;
                const std::string among = other + "\r\n" + std::string(gap, '\n') + number + "\n";
                CHECK(judge.through_stdin(among) == judge.as_argument(other) + expected);
                ++inputs;
            }
        }
    }
    MESSAGE(numbers.size() << " numbers, " << inputs << " inputs of 1 to 64 bytes");
}

TEST_CASE("property: the real binary gives the same verdicts from arguments, stdin and --file") {
    const auto numbers = all_numbers();
    const vtrguard::test::TempDir dir;
    std::vector<std::string> args{"validate", "--format", "json"};
    std::string lines;
    for (const auto& number : numbers) {
        args.push_back(number);
        lines += number + "\n";
    }
    const auto from_arguments = run_vtrguard(args);
    REQUIRE_FALSE(from_arguments.out.empty());
    SUBCASE("all numbers among each other") {
        const auto from_stdin = run_vtrguard({"validate", "--format", "json"}, lines);
        CHECK(from_stdin.out == from_arguments.out);
        CHECK(from_stdin.exit_code == from_arguments.exit_code);
        const auto file = dir.write("all.txt", lines);
        const auto from_file =
            run_vtrguard({"validate", "--format", "json", "--file", file.string()});
        CHECK(from_file.out == from_arguments.out);
    }
    SUBCASE("one input of each size from 1 to 64 bytes, alone") {
        // One text per size: a number (or its first bytes) filled up with blank lines before it.
        std::vector<std::string> texts;
        std::vector<std::string> inputs;
        for (std::size_t size = 1; size <= k_max_input; ++size) {
            const std::string& number = numbers[size % numbers.size()];
            std::string text = number.size() >= size ? trimmed(number.substr(0, size)) : number;
            if (text.empty() || text[0] == '#' || text[0] == ' ') {
                text = "1";
            }
            texts.push_back(text);
            const std::size_t pad = size - std::min(size, text.size());
            inputs.push_back(pad == 0 ? text : std::string(pad - 1, '\n') + text + "\n");
        }
        std::vector<std::string> text_args{"validate", "--format", "json"};
        text_args.insert(text_args.end(), texts.begin(), texts.end());
        const auto expected = run_vtrguard(text_args);
        std::istringstream expected_lines(expected.out);
        for (std::size_t i = 0; i < inputs.size(); ++i) {
            CAPTURE(inputs[i]);
            std::string want;
            REQUIRE(std::getline(expected_lines, want));
            REQUIRE(inputs[i].size() == i + 1);
            const auto piped = run_vtrguard({"validate", "--format", "json"}, inputs[i]);
            CHECK(piped.out == want + "\n");
            const auto file = dir.write("n" + std::to_string(i) + ".txt", inputs[i]);
            const auto read =
                run_vtrguard({"validate", "--format", "json", "--file", file.string()});
            CHECK(read.out == want + "\n");
        }
    }
}
