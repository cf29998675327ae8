#include <vtrguard/core/url_redact.hpp>

#include <doctest/doctest.h>

using vtrguard::core::redact_url;

TEST_CASE("redact url: a userinfo password is masked, the user and host kept") {
    CHECK(redact_url("https://user:pa55@host.example/path")
          == "https://user:********@host.example/path");
    CHECK(redact_url("https://user:pa55@host.example") == "https://user:********@host.example");
    CHECK(redact_url("https://token@host.example:8443/x")
          == "https://********@host.example:8443/x");
}

TEST_CASE("redact url: secret-named query values are masked, others kept") {
    CHECK(redact_url("https://h.example/t?key=abc&id=7&access_token=xyz#frag")
          == "https://h.example/t?key=********&id=7&access_token=********#frag");
    CHECK(
        redact_url("https://h.example/t?apiKey=1&X-Amz-Signature=2&client_secret=3&q")
        == "https://h.example/t?apiKey=********&X-Amz-Signature=********&client_secret=********&q");
}

TEST_CASE("redact url: a URL without secrets is unchanged") {
    for (const char* url : {"https://onlinetools.ups.com",
                            "http://127.0.0.1:8080/track/v1/details/1Z?locale=en_US",
                            "not a url",
                            "",
                            "https://host.example/a@b"}) {
        CAPTURE(url);
        CHECK(redact_url(url) == url);
    }
}
