#include "support/temp_dir.hpp"

#include <vtrguard/core/secret.hpp>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <cstdlib>

using namespace vtrguard;

TEST_CASE("secret: formats as asterisks - reveal() is the way out") {
    const core::Secret secret("hunter2-value");
    CHECK(fmt::format("{}", secret) == "********");
    CHECK(fmt::format("key={:>10}", secret) == "key=  ********");
    CHECK(secret.reveal() == "hunter2-value");
}

TEST_CASE("secret: loads from the environment, a file or a systemd credential") {
    const test::TempDir dir;
    setenv("VTRGUARD_TEST_SECRET_A", "from-env", 1); // NOLINT
    auto from_env = core::load_secret({.env = "VTRGUARD_TEST_SECRET_A"});
    REQUIRE(from_env);
    CHECK(from_env->reveal() == "from-env");

    const auto file = dir.write("key", "from-file\n");
    auto from_file = core::load_secret({.file = file.string()});
    REQUIRE(from_file);
    CHECK(from_file->reveal() == "from-file");

    dir.write("ups_secret", "from-credential");
    setenv("CREDENTIALS_DIRECTORY", dir.path().c_str(), 1); // NOLINT
    auto from_credential = core::load_secret({.credential = "ups_secret"});
    REQUIRE(from_credential);
    CHECK(from_credential->reveal() == "from-credential");
    CHECK_FALSE(core::load_secret({.credential = "../key"}));
    unsetenv("CREDENTIALS_DIRECTORY"); // NOLINT
}

TEST_CASE("secret: errors name the source, never the value") {
    const test::TempDir dir;
    unsetenv("VTRGUARD_TEST_SECRET_MISSING"); // NOLINT
    auto missing = core::load_secret({.env = "VTRGUARD_TEST_SECRET_MISSING"});
    REQUIRE_FALSE(missing);
    CHECK(missing.error().message.find("VTRGUARD_TEST_SECRET_MISSING") != std::string::npos);
    const auto empty = dir.write("empty", "\n");
    auto blank = core::load_secret({.file = empty.string()});
    REQUIRE_FALSE(blank);
    CHECK(blank.error().message.find("empty") != std::string::npos);
    CHECK_FALSE(core::load_secret({}));
}
