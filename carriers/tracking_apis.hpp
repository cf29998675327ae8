#pragma once

// One factory per carrier API; make_tracking_api() picks among them.

#include <vtrguard/carriers/tracking_api.hpp>

#include <memory>

namespace vtrguard::carriers {

std::unique_ptr<TrackingApi> make_ups_api();
std::unique_ptr<TrackingApi> make_fedex_api();
std::unique_ptr<TrackingApi> make_usps_api();
std::unique_ptr<TrackingApi> make_dhl_api();
std::unique_ptr<TrackingApi> make_track17_api();

} // namespace vtrguard::carriers
