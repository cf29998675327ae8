#include <vtrguard/core/secret.hpp>

#include <fmt/core.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace vtrguard::core {

namespace {

Result<Secret> non_empty(std::string value, const std::string& where) {
    while (!value.empty() && (value.back() == '\n' || value.back() == '\r')) {
        value.pop_back();
    }
    if (value.empty()) {
        return fail(ErrorCode::config, fmt::format("{}: the secret is empty", where));
    }
    return Secret(std::move(value));
}

} // namespace

Result<Secret> secret_from_env(const std::string& name) {
    // getenv is not thread-safe against setenv; secrets are loaded at start-up and on reload only.
    const char* value = std::getenv(name.c_str()); // NOLINT(concurrency-mt-unsafe)
    if (value == nullptr) {
        return fail(ErrorCode::config, fmt::format("environment variable {} is not set", name));
    }
    return non_empty(value, fmt::format("environment variable {}", name));
}

Result<Secret> secret_from_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return fail(ErrorCode::config, fmt::format("{}: cannot read the secret file", path));
    }
    std::ostringstream content;
    content << in.rdbuf();
    return non_empty(content.str(), path);
}

Result<Secret> secret_from_credential(const std::string& name) {
    const char* directory = std::getenv("CREDENTIALS_DIRECTORY"); // NOLINT(concurrency-mt-unsafe)
    if (directory == nullptr || *directory == '\0') {
        return fail(ErrorCode::config,
                    fmt::format("credential {}: CREDENTIALS_DIRECTORY is not set", name));
    }
    if (name.find('/') != std::string::npos || name == ".." || name == ".") {
        return fail(ErrorCode::config, fmt::format("credential {}: not a plain name", name));
    }
    return secret_from_file(std::string(directory) + "/" + name);
}

Result<Secret> load_secret(const SecretSource& source) {
    if (!source.env.empty()) {
        return secret_from_env(source.env);
    }
    if (!source.file.empty()) {
        return secret_from_file(source.file);
    }
    if (!source.credential.empty()) {
        return secret_from_credential(source.credential);
    }
    return fail(ErrorCode::config, "no secret configured");
}

} // namespace vtrguard::core
