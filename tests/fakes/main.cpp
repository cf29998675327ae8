// vtrguard_fake_apis: serves the fake carrier APIs for manual runs and end-to-end tests.
//
//   vtrguard_fake_apis [SCENARIO.json]
//
// The scenario: {"port": 0, "default": "found_with_scans",
//   "numbers": {"1Z…": "label_created"}, "faults": [{"api": "ups", "fault": "retry_after",
//   "times": 2}], "retry_after_s": 1, "slow_ms": 3000, "token_lifetime_s": 14399,
//   "random_faults": {"fraction": 0.3, "faults": ["server_error", "hang"], "seed": 7},
//   "request_log": "requests.tsv"}
// Prints `listening on http://127.0.0.1:PORT` and serves until SIGINT or SIGTERM, then prints
// how many requests got each fault (`faults: server_error=12 …`).

#include "fake_carrier_server.hpp"

#include <fmt/core.h>
#include <rapidjson/document.h>

#include <csignal>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <thread>

namespace {

volatile std::sig_atomic_t g_is_stopping = 0; // NOLINT: a signal handler's flag

void on_signal(int /*signal*/) {
    g_is_stopping = 1;
}

// "random_faults": {"fraction": 0.3, "faults": [names], "seed": 1}; every fault when none named.
bool configure_random_faults(vtrguard::fakes::FakeCarrierServer& server,
                             const rapidjson::Document& scenario) {
    using namespace vtrguard::fakes;
    if (!scenario.HasMember("random_faults")) {
        return true;
    }
    const auto& random = scenario["random_faults"];
    if (!random.IsObject() || !random.HasMember("fraction") || !random["fraction"].IsNumber()
        || random["fraction"].GetDouble() < 0 || random["fraction"].GetDouble() > 1) {
        fmt::print(stderr, "scenario: random_faults needs a \"fraction\" from 0 to 1\n");
        return false;
    }
    std::vector<Fault> faults;
    if (random.HasMember("faults") && random["faults"].IsArray()) {
        for (const auto& name : random["faults"].GetArray()) {
            Fault fault{};
            if (!name.IsString() || !parse_fault(name.GetString(), fault)) {
                fmt::print(stderr, "scenario: random_faults.faults: unknown fault\n");
                return false;
            }
            faults.push_back(fault);
        }
    } else {
        faults.assign(std::begin(k_all_faults), std::end(k_all_faults));
    }
    const auto seed =
        random.HasMember("seed") && random["seed"].IsUint() ? random["seed"].GetUint() : 1U;
    server.set_random_faults(random["fraction"].GetDouble(), std::move(faults), seed);
    return true;
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
    if (scenario.HasMember("request_log") && scenario["request_log"].IsString()) {
        server.set_request_log(scenario["request_log"].GetString());
    }
    return configure_random_faults(server, scenario);
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
    fmt::print("faults:");
    for (const auto fault : vtrguard::fakes::k_all_faults) {
        fmt::print(" {}={}", vtrguard::fakes::fault_name(fault), server.faults_served(fault));
    }
    fmt::print("\n");
    return 0;
}
