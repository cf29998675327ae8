// vtrguard_fake_apis: serves the fake carrier APIs for manual runs and end-to-end tests.
//
//   vtrguard_fake_apis [SCENARIO.json]
//
// The scenario: {"port": 0, "default": "found_with_scans",
//   "numbers": {"1Z…": "label_created"}, "faults": [{"api": "ups", "fault": "retry_after",
//   "times": 2}], "retry_after_s": 1, "slow_ms": 3000, "token_lifetime_s": 14399}
// Prints `listening on http://127.0.0.1:PORT` and serves until SIGINT or SIGTERM.

#include "fake_carrier_server.hpp"

#include <fmt/core.h>
#include <rapidjson/document.h>

#include <csignal>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

namespace {

volatile std::sig_atomic_t g_is_stopping = 0; // NOLINT: a signal handler's flag

void on_signal(int /*signal*/) {
    g_is_stopping = 1;
}

bool configure(vtrguard::fakes::FakeCarrierServer& server, const rapidjson::Document& scenario) {
    using namespace vtrguard::fakes;
    if (scenario.HasMember("default") && scenario["default"].IsString()) {
        Shipment shipment{};
        if (!parse_shipment(scenario["default"].GetString(), shipment)) {
            fmt::print(stderr, "scenario: default: unknown shipment\n");
            return false;
        }
        server.set_default_shipment(shipment);
    }
    if (scenario.HasMember("numbers") && scenario["numbers"].IsObject()) {
        for (const auto& entry : scenario["numbers"].GetObject()) {
            Shipment shipment{};
            if (!entry.value.IsString() || !parse_shipment(entry.value.GetString(), shipment)) {
                fmt::print(
                    stderr, "scenario: numbers.{}: unknown shipment\n", entry.name.GetString());
                return false;
            }
            server.set_shipment(entry.name.GetString(), shipment);
        }
    }
    if (scenario.HasMember("faults") && scenario["faults"].IsArray()) {
        for (const auto& item : scenario["faults"].GetArray()) {
            Fault fault{};
            if (!item.IsObject() || !item.HasMember("api") || !item["api"].IsString()
                || !item.HasMember("fault") || !item["fault"].IsString()
                || !parse_fault(item["fault"].GetString(), fault)) {
                fmt::print(stderr, "scenario: faults: each needs \"api\" and a known \"fault\"\n");
                return false;
            }
            const int times =
                item.HasMember("times") && item["times"].IsInt() ? item["times"].GetInt() : 1;
            server.push_fault(item["api"].GetString(), fault, times);
        }
    }
    if (scenario.HasMember("retry_after_s") && scenario["retry_after_s"].IsInt()) {
        server.set_retry_after(std::chrono::seconds{scenario["retry_after_s"].GetInt()});
    }
    if (scenario.HasMember("slow_ms") && scenario["slow_ms"].IsInt()) {
        server.set_slow_delay(std::chrono::milliseconds{scenario["slow_ms"].GetInt()});
    }
    if (scenario.HasMember("token_lifetime_s") && scenario["token_lifetime_s"].IsInt()) {
        server.set_token_lifetime(std::chrono::seconds{scenario["token_lifetime_s"].GetInt()});
    }
    return true;
}

} // namespace

int main(int argc, char** argv) {
    rapidjson::Document scenario;
    scenario.SetObject();
    if (argc > 1) {
        std::ifstream in(argv[1]); // NOLINT(cppcoreguidelines-pro-bounds-pointer-arithmetic)
        std::ostringstream text;
        text << in.rdbuf();
        scenario.Parse(text.str().c_str());
        if (!in || scenario.HasParseError() || !scenario.IsObject()) {
            fmt::print(stderr, "vtrguard_fake_apis: {}: not a JSON object\n", argv[1]); // NOLINT
            return 2;
        }
    }
    int port = 0;
    if (scenario.HasMember("port") && scenario["port"].IsInt()) {
        port = scenario["port"].GetInt();
    }
    vtrguard::fakes::FakeCarrierServer server(static_cast<std::uint16_t>(port));
    if (!configure(server, scenario)) {
        return 2;
    }
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    fmt::print("listening on {}\n", server.url());
    std::fflush(stdout);
    while (g_is_stopping == 0) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return 0;
}
