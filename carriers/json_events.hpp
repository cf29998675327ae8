#pragma once

// A carrier's JSON list of events, read one element at a time: every adapter walks one.

#include "json_access.hpp"

#include <vtrguard/carriers/tracking.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace vtrguard::carriers {

// Appends `read_event(element)` to `events` for each element of array member `name` of `holder`,
// in the carrier's order; nothing when there is no such array. `read_event` takes a
// `const rapidjson::Value&` and returns a TrackEvent.
template <typename ReadEvent>
void append_events(std::vector<TrackEvent>& events,
                   const rapidjson::Value* holder,
                   const char* name,
                   ReadEvent read_event) {
    const auto* items = json::array(holder, name);
    if (items == nullptr) {
        return;
    }
    for (const auto& item : items->GetArray()) {
        events.push_back(read_event(item));
    }
}

// A result for `number` holding the events `append_events` reads from `holder`; the status and the
// rest are the caller's to fill.
template <typename ReadEvent>
TrackResult result_with_events(std::string_view number,
                               const rapidjson::Value* holder,
                               const char* name,
                               ReadEvent read_event) {
    TrackResult result;
    result.number = std::string(number);
    append_events(result.events, holder, name, read_event);
    return result;
}

} // namespace vtrguard::carriers
