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
    // A barcode read whole (USPS 420+ZIP, FedEx 96…) comes with the number inside as its
    // suggestion.
    Verdict validate(std::string_view raw, std::optional<CarrierId> declared = std::nullopt) const;

    // For an invalid verdict without a suggestion: looks for look-alike characters (O/0, I/1,
    // S/5, B/8) and one swapped pair of neighbours, and sets `verdict.fix` when exactly one such
    // fix gives a valid number (of the declared carrier, or of the carrier the shape names).
    // Tries up to a few dozen variants, so callers ask for it where a person reads the answer;
    // validate() alone stays allocation-free and fast on bulk input.
    void suggest_typo_fix(Verdict& verdict) const;

    const Ruleset& rules() const { return *m_rules; }

private:
    void
    collect_readings(std::string_view number, const NumberShape& shape, Verdict& verdict) const;
    // Only for numbers that may start with a barcode prefix (Ruleset::may_have_prefix).
    void collect_prefixed(std::string_view number, Verdict& verdict) const;
    Reason classify_failure(std::string_view number, const Verdict& verdict) const;
    std::optional<FormatId> find_length_miss(std::string_view number,
                                             std::optional<CarrierId> declared) const;
    // Whether the format whose check digit failed explains the number better than the
    // shape-only reading that leads.
    static bool is_check_failure_likelier(const Verdict& verdict);
    const Reading* best_for(const Verdict& verdict, std::optional<CarrierId> carrier) const;
    void suggest_prefix_fix(std::string_view number, Verdict& verdict) const;
    std::optional<CarrierId> barcode_carrier(std::string_view number) const;
    // The format that makes `number` valid (for `target` when given), or nullopt.
    std::optional<FormatId> valid_format(std::string_view number,
                                         std::optional<CarrierId> declared,
                                         std::optional<CarrierId> target) const;

    const Ruleset* m_rules;
};

} // namespace vtrguard::carriers
