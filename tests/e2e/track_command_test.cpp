#include "fakes/fake_carrier_server.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <doctest/doctest.h>
#include <fmt/core.h>

#include <cstdlib>

using namespace vtrguard;

namespace {

std::string write_config(const test::TempDir& dir, const std::string& url) {
    return dir
        .write("vtrguard.json",
               fmt::format(R"({{"carriers": {{
                   // the fake speaks every API on one port
                   "ups": {{"base_url": "{0}", "client_id": "{1}", "client_secret_env": "VTRGUARD_E2E_SECRET"}},
                   "fedex": {{"base_url": "{0}", "client_id": "{1}", "client_secret_env": "VTRGUARD_E2E_SECRET"}}
               }}}})",
                           url,
                           fakes::k_fake_client_id))
        .string();
}

} // namespace

TEST_CASE("e2e: track prints the normalised result and exits by it") {
    fakes::FakeCarrierServer server;
    server.set_shipment("1Z2GK9AJ6341270237", fakes::Shipment::found_with_scans);
    server.set_shipment("1Z2Y913V8984708072", fakes::Shipment::label_created);
    const test::TempDir dir;
    const auto config = write_config(dir, server.url());
    setenv("VTRGUARD_E2E_SECRET", std::string(fakes::k_fake_secret).c_str(), 1); // NOLINT

    const auto scanned = test::run_vtrguard({"track", "1Z2GK9AJ6341270237", "--config", config});
    CHECK(scanned.exit_code == 0);
    CHECK(scanned.out.find("in_transit  physical scan: yes (first 2025-03-01T12:00:00Z)")
          != std::string::npos);

    const auto label = test::run_vtrguard(
        {"track", "1Z2Y913V8984708072", "RR231488734FR", "--config", config, "--format", "json"});
    CHECK(label.exit_code == 1);
    CHECK(label.out.find(R"("status":"label_created","has_physical_scan":false)")
          != std::string::npos);
    CHECK(label.out.find(R"("outcome":"format_only")") != std::string::npos);
    CHECK(label.err.find(fakes::k_fake_secret) == std::string::npos);

    const auto online =
        test::run_vtrguard({"validate", "--online", "--config", config, "1Z2GK9AJ6341270237"});
    CHECK(online.exit_code == 0);
    CHECK(online.out.find("via ups") != std::string::npos);
}

TEST_CASE("e2e: track reports a bad carriers section as a configuration error") {
    const test::TempDir dir;
    const auto config = dir.write("bad.json", R"({"carriers": {"ups": {"burst": 0}}})").string();
    const auto result = test::run_vtrguard({"track", "1Z2GK9AJ6341270237", "--config", config});
    CHECK(result.exit_code == 3);
    CHECK(result.err.find("carriers.ups.burst: must be a number of at least 1")
          != std::string::npos);
}
