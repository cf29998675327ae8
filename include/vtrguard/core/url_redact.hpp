#pragma once

#include <string>
#include <string_view>

namespace vtrguard::core {

// `url` as it may be shown or logged: the password of a `user:password@` userinfo (or a whole
// userinfo without a colon, often a token) and the values of query parameters named like
// secrets (`key`, `api_key`, `token`, `secret`, `password`, `sig`…) become `********`.
// Everything else is kept, so the operator still sees which host and path is meant. Pure.
std::string redact_url(std::string_view url);

} // namespace vtrguard::core
