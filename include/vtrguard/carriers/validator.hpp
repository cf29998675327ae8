#pragma once

#include <vtrguard/carriers/ruleset.hpp>
#include <vtrguard/carriers/verdict.hpp>

#include <optional>
#include <string_view>

namespace vtrguard::carriers {

// Validates tracking numbers against a Ruleset. Holds a reference only: cheap to copy,
// safe to use from several threads at once.
class Validator {
public:
    explicit Validator(const Ruleset& rules)
        : m_rules(&rules) {}

    // The verdict for `raw` as typed or scanned. With `declared`, the number must be valid for
    // that carrier; without, any carrier's reading makes it valid and the best one leads.
    Verdict validate(std::string_view raw, std::optional<CarrierId> declared = std::nullopt) const;

    const Ruleset& rules() const { return *m_rules; }

private:
    void collect_readings(std::string_view number, Verdict& verdict) const;
    void collect_prefixed(std::string_view number, Verdict& verdict) const;
    Reason classify_failure(std::string_view number, const Verdict& verdict) const;
    std::optional<FormatId> find_length_miss(std::string_view number,
                                             std::optional<CarrierId> declared) const;
    const Reading* best_for(const Verdict& verdict, std::optional<CarrierId> carrier) const;
    // suggest.cpp: the one mechanical fix that makes an invalid number valid, if exactly one does.
    void suggest_fix(std::string_view number, Verdict& verdict) const;
    std::optional<CarrierId> barcode_carrier(std::string_view number) const;
    bool is_valid_as(std::string_view number,
                     std::optional<CarrierId> declared,
                     std::optional<CarrierId> target) const;

    const Ruleset* m_rules;
};

} // namespace vtrguard::carriers
