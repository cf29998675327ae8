#include "support/process.hpp"
#include "support/temp_dir.hpp"
#include "unit/report/history_data.hpp"

#include <vtrguard/report/evidence_pack.hpp>
#include <vtrguard/report/history.hpp>

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

using namespace std::chrono_literals;

namespace {

constexpr std::string_view k_chromium = "/usr/bin/chromium";

bool has_chromium() {
    return std::filesystem::exists(k_chromium);
}

// Chromium as the machines run it: no network, no sandbox (containers), a fresh profile.
std::vector<std::string> chromium_args(const std::filesystem::path& profile) {
    return {"--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--user-data-dir=" + profile.string()};
}

} // namespace

TEST_CASE("report: the page loads in headless Chromium with every point and bar"
          * doctest::skip(!has_chromium())
          * doctest::description("skipped when /usr/bin/chromium is not installed")) {
    const vtrguard::test::TempDir dir;
    const auto now = vtrguard::core::parse_instant("2026-06-30T23:00:00Z").value();
    const auto shipments = vtrguard::test::generated_history(now, 120, 10);
    const auto history = vtrguard::report::build_history(
        shipments, vtrguard::config::default_marketplaces(), now, 90, 24h * 30);
    const auto page = dir.write("report.html", vtrguard::report::report_html(history));
    const auto url = "file://" + page.string();

    auto args = chromium_args(dir / "profile-dom");
    args.insert(args.end(), {"--dump-dom", url});
    const auto dom = vtrguard::test::run_process(std::string(k_chromium), args);
    REQUIRE(dom.exit_code == 0);
    // The DOM after load, as the browser parsed it: every point and bar is an element.
    CHECK(vtrguard::test::count_of(dom.out, "class=\"rate-point\"") == 90);
    CHECK(vtrguard::test::count_of(dom.out, "class=\"cause-bar\"") == 3);
    CHECK(vtrguard::test::count_of(dom.out, "<polyline") == 1);
    CHECK(vtrguard::test::count_of(dom.out, "class=\"threshold\"") == 1);
    CHECK(dom.out.find("</html>") != std::string::npos);

    // The screenshot is kept next to the test output for a person to look at.
    const auto shot = std::filesystem::current_path() / "report_browser.png";
    std::filesystem::remove(shot);
    args = chromium_args(dir / "profile-shot");
    args.insert(args.end(), {"--window-size=1000,1400", "--screenshot=" + shot.string(), url});
    const auto screenshot = vtrguard::test::run_process(std::string(k_chromium), args);
    CHECK(screenshot.exit_code == 0);
    REQUIRE(std::filesystem::exists(shot));
    std::ifstream png(shot, std::ios::binary);
    std::string magic(8, '\0');
    png.read(magic.data(), 8);
    CHECK(magic == "\x89PNG\r\n\x1a\n");
    MESSAGE("screenshot: " << shot.string());
}
