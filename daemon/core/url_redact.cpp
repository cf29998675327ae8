#include <vtrguard/core/text.hpp>
#include <vtrguard/core/url_redact.hpp>

#include <array>

namespace vtrguard::core {

namespace {

constexpr std::string_view k_masked = "********";

// Parameter names that carry credentials in the APIs vtrguard talks to and in common practice;
// matched as a part of the lower-cased name, so `apiKey`, `access_token`, `X-Amz-Signature` hit.
constexpr std::array<std::string_view, 9> k_secret_words{
    "key", "token", "secret", "password", "passwd", "pwd", "sig", "auth", "credential"};

bool is_secret_name(std::string_view name) {
    const auto lower = ascii_lower(name);
    for (const auto word : k_secret_words) {
        if (lower.find(word) != std::string::npos) {
            return true;
        }
    }
    return false;
}

// Appends `authority` (`user:pass@host:port`) with its userinfo masked.
void append_authority(std::string& out, std::string_view authority) {
    const auto at = authority.rfind('@');
    if (at == std::string_view::npos) {
        out += authority;
        return;
    }
    const auto userinfo = authority.substr(0, at);
    const auto colon = userinfo.find(':');
    if (colon == std::string_view::npos) {
        out += k_masked;
    } else {
        out += userinfo.substr(0, colon + 1);
        out += k_masked;
    }
    out += authority.substr(at);
}

// Appends `query` (without the `?`) with the values of secret-named parameters masked.
void append_query(std::string& out, std::string_view query) {
    while (true) {
        const auto end = query.find('&');
        const auto pair = query.substr(0, end);
        const auto equals = pair.find('=');
        if (equals != std::string_view::npos && is_secret_name(pair.substr(0, equals))) {
            out += pair.substr(0, equals + 1);
            out += k_masked;
        } else {
            out += pair;
        }
        if (end == std::string_view::npos) {
            return;
        }
        out += '&';
        query.remove_prefix(end + 1);
    }
}

} // namespace

std::string redact_url(std::string_view url) {
    std::string out;
    out.reserve(url.size());
    const auto fragment_at = url.find('#');
    const auto fragment =
        fragment_at == std::string_view::npos ? std::string_view{} : url.substr(fragment_at);
    url = url.substr(0, fragment_at);
    const auto query_at = url.find('?');
    const auto before_query = url.substr(0, query_at);

    // The authority sits between `//` and the next `/`; a URL without `//` has none.
    const auto slashes = before_query.find("//");
    if (slashes == std::string_view::npos) {
        out += before_query;
    } else {
        const auto authority_begin = slashes + 2;
        const auto path_at = before_query.find('/', authority_begin);
        out += before_query.substr(0, authority_begin);
        append_authority(out, before_query.substr(authority_begin, path_at - authority_begin));
        if (path_at != std::string_view::npos) {
            out += before_query.substr(path_at);
        }
    }
    if (query_at != std::string_view::npos) {
        out += '?';
        append_query(out, url.substr(query_at + 1));
    }
    out += fragment;
    return out;
}

} // namespace vtrguard::core
