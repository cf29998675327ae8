#pragma once

#include <vtrguard/core/result.hpp>

#include <fmt/format.h>

#include <string>
#include <string_view>
#include <utility>

namespace vtrguard::core {

// What a log line or an error message shows instead of a secret.
inline constexpr std::string_view k_redacted_secret = "********";

// A key, password or token. Formatting it (fmt, spdlog) prints `********`; `reveal()` is the
// only way to the value and is called only where a request is built. Not thread-safe to mutate.
class Secret {
public:
    Secret() = default;

    explicit Secret(std::string value)
        : m_value(std::move(value)) {}

    const std::string& reveal() const { return m_value; }

    bool empty() const { return m_value.empty(); }

private:
    std::string m_value;
};

// Where a secret comes from. At most one field is set; all empty means "not configured".
struct SecretSource {
    std::string env;        // environment variable name
    std::string file;       // file path; one trailing newline is dropped
    std::string credential; // systemd credential name, read from $CREDENTIALS_DIRECTORY/name

    bool is_configured() const { return !env.empty() || !file.empty() || !credential.empty(); }

    // Compares where the secret is read from, never the secret itself.
    bool operator==(const SecretSource&) const = default;
};

// The secret from an environment variable. Errors name the variable, never the value.
Result<Secret> secret_from_env(const std::string& name);

// The secret held in a file (one trailing newline dropped). Errors name the path.
Result<Secret> secret_from_file(const std::string& path);

// The systemd credential `name` ($CREDENTIALS_DIRECTORY/name).
Result<Secret> secret_from_credential(const std::string& name);

// The secret `source` names; an error when it names none or the value is empty.
Result<Secret> load_secret(const SecretSource& source);

} // namespace vtrguard::core

template <>
struct fmt::formatter<vtrguard::core::Secret> : fmt::formatter<std::string_view> {
    template <typename FormatContext>
    auto format(const vtrguard::core::Secret& /*secret*/, FormatContext& ctx) const {
        return fmt::formatter<std::string_view>::format(vtrguard::core::k_redacted_secret, ctx);
    }
};
