#pragma once

// GCC 12 with Boost 1.74 needs <utility> before any Asio header.
#include <utility>
//
#include <boost/asio.hpp>
