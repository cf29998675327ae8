// The carrier rule-file loader on any text: applied to the built-in carriers and compiled,
// then a few numbers validated against the result.

#include <vtrguard/carriers/rule_file.hpp>
#include <vtrguard/carriers/validator.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace vtrguard::carriers;
    const std::array files{
        RuleFile{"fuzz.json", std::string(reinterpret_cast<const char*>(data), size)}};
    auto rules = build_with_rule_files(files);
    if (!rules) {
        if (rules.error().message.empty()) {
            __builtin_trap(); // every refusal says why
        }
        return 0;
    }
    const Validator validator(*rules);
    for (const std::string_view number : {"1Z5R89390357567127",
                                          "RB123456785GB",
                                          "9400111201080805483016",
                                          "ABC123456789",
                                          "123456789012",
                                          "99999999999999999999",
                                          "1"}) {
        auto verdict = validator.validate(number);
        if (!verdict.is_valid()) {
            validator.suggest_typo_fix(verdict);
        }
    }
    return 0;
}
