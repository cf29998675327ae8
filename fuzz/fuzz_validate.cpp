// The number normaliser and validator on any bytes: validate() without a declared carrier and
// with one (picked by the first byte), then suggest_typo_fix() on invalid verdicts.

#include <vtrguard/carriers/ruleset.hpp>
#include <vtrguard/carriers/validator.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace vtrguard::carriers;
    static const Validator validator(Ruleset::builtin());
    const std::string_view text(reinterpret_cast<const char*>(data), size);

    auto verdict = validator.validate(text);
    if (!verdict.is_valid()) {
        validator.suggest_typo_fix(verdict);
    }
    if (size == 0) {
        return 0;
    }
    const auto carriers = validator.rules().carriers().size();
    const auto declared = static_cast<CarrierId>(data[0] % carriers);
    auto declared_verdict = validator.validate(text.substr(1), declared);
    if (!declared_verdict.is_valid()) {
        validator.suggest_typo_fix(declared_verdict);
    }
    return 0;
}
