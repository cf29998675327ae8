// Reads the public tracking-number corpus (../shared/conformance) and checks every sample:
// valid numbers must be accepted as their courier, invalid ones must not be. Where vtrguard
// deliberately answers otherwise, the case is listed in exceptions.tsv beside this file, and
// the list must match exactly, so it can neither silently grow nor go stale. The corpus folder
// is the first argument; without it the program exits 125, which CTest reports as skipped.
#define DOCTEST_CONFIG_IMPLEMENT
#include <vtrguard/carriers/ruleset.hpp>
#include <vtrguard/carriers/validator.hpp>

#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using vtrguard::carriers::CheckAlgorithm;
using vtrguard::carriers::Ruleset;
using vtrguard::carriers::Validator;
using vtrguard::carriers::Verdict;

constexpr int k_skip = 125;

fs::path g_corpus; // set by main() before the tests run

struct Counts {
    int valid_accepted = 0;
    int invalid_rejected = 0;
    int types = 0;
    int sibling_valid = 0;
};

std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

// "number<TAB>courier<TAB>valid|invalid" keys of the listed exceptions.
std::set<std::string> read_exceptions(const fs::path& path) {
    std::set<std::string> keys;
    std::istringstream lines(read_text(path));
    std::string line;
    while (std::getline(lines, line)) {
        if (line.empty() || line[0] == '#') {
            continue;
        }
        std::istringstream fields(line);
        std::string number;
        std::string courier;
        std::string kind;
        std::getline(fields, number, '\t');
        std::getline(fields, courier, '\t');
        std::getline(fields, kind, '\t');
        keys.insert(number + '\t' + courier + '\t' + kind);
    }
    return keys;
}

// Whether `format` belongs to the corpus courier: our codes equal the corpus's, except that
// the corpus's "s10" is any national post's S10 format.
bool belongs_to(const Ruleset& rules,
                vtrguard::carriers::FormatId format,
                const std::string& courier) {
    if (courier == "s10") {
        return rules.format_spec(format).check.algorithm == CheckAlgorithm::s10;
    }
    return rules.carrier(rules.format(format).carrier).code == courier;
}

bool accepted_as(const Ruleset& rules, const Verdict& verdict, const std::string& courier) {
    return verdict.is_valid() && belongs_to(rules, verdict.readings[0].format, courier);
}

bool any_reading_of(const Ruleset& rules, const Verdict& verdict, const std::string& courier) {
    for (const auto& reading : verdict.all_readings()) {
        if (belongs_to(rules, reading.format, courier)) {
            return true;
        }
    }
    return false;
}

} // namespace

TEST_CASE("conformance: every corpus sample is judged as its courier, or listed as an exception") {
    const auto listed =
        read_exceptions(fs::path(VTRGUARD_SOURCE_DIR) / "tests/conformance/exceptions.tsv");
    const auto& rules = Ruleset::builtin();
    const Validator validator(rules);
    std::set<std::string> deviations;
    Counts counts;

    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(g_corpus)) {
        if (entry.path().extension() == ".json") {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    REQUIRE_FALSE(files.empty());
    for (const auto& file : files) {
        rapidjson::Document doc;
        const std::string text = read_text(file);
        doc.Parse(text.c_str());
        REQUIRE_MESSAGE((!doc.HasParseError() && doc.IsObject() && doc.HasMember("courier_code")
                         && doc.HasMember("tracking_numbers") && doc["tracking_numbers"].IsArray()),
                        file.string() << ": not a corpus file");
        const std::string courier = doc["courier_code"].GetString();
        const bool is_known = courier == "s10" || rules.find_carrier(courier).has_value();
        // An invalid sample of one type may be a valid sample of a sibling type (Purolator's
        // numeric PIN is an invalid "alpha" PIN): vtrguard judges numbers per courier.
        std::set<std::string> sibling_valid;
        for (const auto& type : doc["tracking_numbers"].GetArray()) {
            for (const auto& sample : type["test_numbers"]["valid"].GetArray()) {
                sibling_valid.insert(sample.GetString());
            }
        }
        for (const auto& type : doc["tracking_numbers"].GetArray()) {
            ++counts.types;
            const auto declared = courier == "s10" ? std::nullopt : rules.find_carrier(courier);
            const auto& samples = type["test_numbers"];
            for (const auto& sample : samples["valid"].GetArray()) {
                const std::string number = sample.GetString();
                const bool is_ok =
                    is_known && accepted_as(rules, validator.validate(number), courier)
                    && (courier == "s10" || validator.validate(number, declared).is_valid());
                if (is_ok) {
                    ++counts.valid_accepted;
                } else {
                    deviations.insert(number + '\t' + courier + "\tvalid");
                }
            }
            for (const auto& sample : samples["invalid"].GetArray()) {
                const std::string number = sample.GetString();
                if (sibling_valid.count(number) != 0) {
                    ++counts.sibling_valid;
                    continue;
                }
                const bool is_rejected =
                    courier == "s10" ? !any_reading_of(rules, validator.validate(number), courier)
                                     : !validator.validate(number, declared).is_valid();
                if (is_rejected) {
                    ++counts.invalid_rejected;
                } else {
                    deviations.insert(number + '\t' + courier + "\tinvalid");
                }
            }
        }
    }

    for (const auto& deviation : deviations) {
        CHECK_MESSAGE(listed.count(deviation) != 0, "unlisted deviation: " << deviation);
    }
    for (const auto& exception : listed) {
        CHECK_MESSAGE(deviations.count(exception) != 0,
                      "listed exception no longer deviates (remove it): " << exception);
    }
    std::cout << "conformance: " << files.size() << " couriers, " << counts.types << " types, "
              << counts.valid_accepted << " valid samples accepted, " << counts.invalid_rejected
              << " invalid samples rejected (" << counts.sibling_valid
              << " skipped: valid for a sibling type), " << deviations.size()
              << " listed exceptions\n";
}

int main(int argc, char** argv) {
    g_corpus = argc > 1 ? argv[1] : "../shared/conformance/tracking_number_data/couriers";
    if (!fs::is_directory(g_corpus)) {
        std::cout << "SKIP: conformance corpus not found at " << g_corpus
                  << " (it lives in ../shared beside the project)\n";
        return k_skip;
    }
    doctest::Context context;
    // The corpus is ours; doctest's own options may follow it.
    context.applyCommandLine(argc > 1 ? argc - 1 : argc, argc > 1 ? argv + 1 : argv);
    return context.run();
}
