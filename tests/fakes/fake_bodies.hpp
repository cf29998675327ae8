#pragma once

// The documented response shapes of each carrier API, rendered for the fake server.

#include "fake_carrier_server.hpp"

#include <string>
#include <utility>
#include <vector>

namespace vtrguard::fakes {

struct FakeReply {
    int status = 200;
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
};

using NumberShipments = std::vector<std::pair<std::string, Shipment>>;

FakeReply ups_reply(const std::string& number, Shipment shipment);
FakeReply fedex_reply(const NumberShipments& items);
FakeReply usps_reply(const std::string& number, Shipment shipment);
FakeReply dhl_reply(const std::string& number, Shipment shipment);
FakeReply track17_register_reply(const NumberShipments& items);
FakeReply track17_info_reply(const NumberShipments& items);

// A token grant; `as_string` renders expires_in as a string, as UPS and USPS do.
FakeReply token_reply(const std::string& token, long long expires_in, bool as_string);

// The error body `api` sends with `status` (401, 429, 500…).
FakeReply error_reply(const std::string& api, int status);

} // namespace vtrguard::fakes
