#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

using vtrguard::test::run_vtrguard;
using vtrguard::test::TempDir;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        lines.push_back(line);
    }
    return lines;
}

} // namespace

TEST_CASE("validate: exit 0 when every number is valid, 1 when any is not") {
    const auto good = run_vtrguard({"validate", "1Z5R89390357567127", "9400111206206406260787"});
    CHECK(good.exit_code == 0);
    CHECK(lines_of(good.out).size() == 2);

    const auto mixed = run_vtrguard({"validate", "1Z5R89390357567127", "1Z5R89390357567128"});
    CHECK(mixed.exit_code == 1);
    CHECK(mixed.out.find("bad_check_digit") != std::string::npos);
}

TEST_CASE("validate: exit 2 on usage errors") {
    CHECK(run_vtrguard({"validate", "--carrier", "pigeon", "1Z5R89390357567127"}).exit_code == 2);
    CHECK(run_vtrguard({"validate", "--format", "xml", "1Z5R89390357567127"}).exit_code == 2);
    CHECK(run_vtrguard({"frobnicate"}).exit_code == 2);
    const auto missing = run_vtrguard({"validate", "--file", "/nonexistent/numbers.txt"});
    CHECK(missing.exit_code == 2);
    CHECK(missing.err.find("/nonexistent/numbers.txt") != std::string::npos);
}

TEST_CASE("validate --format json: one object per line with the documented fields") {
    const auto result = run_vtrguard({"validate",
                                      "--format",
                                      "json",
                                      "--carrier",
                                      "usps",
                                      "1Z5R89390357567127",
                                      "420 78745 9400111206206406260787",
                                      "9400111206206406260787"});
    CHECK(result.exit_code == 1);
    const auto lines = lines_of(result.out);
    REQUIRE(lines.size() == 3);
    std::vector<rapidjson::Document> docs(lines.size());
    for (std::size_t i = 0; i < lines.size(); ++i) {
        docs[i].Parse(lines[i].c_str());
        REQUIRE_FALSE(docs[i].HasParseError());
        for (const std::string field : {"input",
                                        "normalized",
                                        "valid",
                                        "carrier",
                                        "service",
                                        "reason",
                                        "candidates",
                                        "suggestion"}) {
            CAPTURE(field);
            CHECK(docs[i].HasMember(field.c_str()));
        }
    }
    CHECK(std::string(docs[0]["reason"].GetString()) == "carrier_mismatch");
    CHECK(std::string(docs[0]["carrier"].GetString()) == "ups");
    CHECK(docs[0]["valid"].IsFalse());
    CHECK(std::string(docs[1]["reason"].GetString()) == "routing_prefix");
    CHECK(std::string(docs[1]["suggestion"].GetString()) == "9400111206206406260787");
    CHECK(std::string(docs[1]["input"].GetString()) == "420 78745 9400111206206406260787");
    CHECK(docs[2]["valid"].IsTrue());
    CHECK(std::string(docs[2]["reason"].GetString()) == "ok");
    CHECK(docs[2]["candidates"].IsArray());
    CHECK(docs[2]["suggestion"].IsNull());
}

TEST_CASE("validate --format csv: a header and the same fields as columns") {
    const auto result = run_vtrguard({"validate", "--format", "csv", "1Z5R89390357567127", "1Z,5"});
    const auto lines = lines_of(result.out);
    REQUIRE(lines.size() == 3);
    CHECK(lines[0].rfind("input,normalized,valid,carrier,service,reason,candidates,suggestion", 0)
          == 0);
    CHECK(lines[1].rfind("1Z5R89390357567127,1Z5R89390357567127,true,ups,UPS 1Z,ok,ups,", 0) == 0);
    CHECK(lines[2].rfind("\"1Z,5\",\"1Z,5\",false,", 0) == 0); // quoted: it holds a comma
}

TEST_CASE("validate --file: reads files and stdin, reports bad lines and goes on") {
    const TempDir dir;
    SUBCASE("comments, blank lines, CRLF and a byte-order mark") {
        const auto file = dir.write("numbers.txt",
                                    "\xEF\xBB\xBF# morning batch\r\n1Z5R89390357567127\r\n\r\n"
                                    "9400111206206406260787\r\n");
        const auto result = run_vtrguard({"validate", "--file", file.string()});
        CHECK(result.exit_code == 0);
        CHECK(lines_of(result.out).size() == 2);
    }
    SUBCASE("stdin with '-'") {
        const auto result = run_vtrguard({"validate", "--file", "-"}, "1Z5R89390357567127\n");
        CHECK(result.exit_code == 0);
        CHECK(result.out.find("ups") != std::string::npos);
    }
    SUBCASE("a line over 4 KiB and a binary line: named, skipped, the rest still checked") {
        const auto file = dir.write("numbers.txt",
                                    "1Z5R89390357567127\n" + std::string(5000, '7') + "\nAB"
                                        + std::string(1, '\0') + "CD\n9400111206206406260787\n");
        const auto result = run_vtrguard({"validate", "--file", file.string()});
        CHECK(result.exit_code == 2);
        CHECK(lines_of(result.out).size() == 2);
        CHECK(result.err.find("numbers.txt:2: line is 5000 bytes") != std::string::npos);
        CHECK(result.err.find("numbers.txt:3: binary data") != std::string::npos);
    }
    SUBCASE("invalid UTF-8 is a bad_charset verdict, printed as valid UTF-8") {
        const auto file = dir.write("numbers.txt",
                                    "1Z5R\xFF"
                                    "89390357567127\n");
        const auto result = run_vtrguard({"validate", "--format", "json", "--file", file.string()});
        CHECK(result.exit_code == 1);
        rapidjson::Document doc;
        doc.Parse(result.out.c_str());
        REQUIRE_FALSE(doc.HasParseError());
        CHECK(std::string(doc["reason"].GetString()) == "bad_charset");
        CHECK(std::string(doc["input"].GetString())
              == "1Z5R\xEF\xBF\xBD"
                 "89390357567127");
    }
}

TEST_CASE("carriers: lists every carrier with its code and formats") {
    const auto text = run_vtrguard({"carriers"});
    CHECK(text.exit_code == 0);
    const std::string listing = "\n" + text.out;
    for (const std::string code :
         {"ups", "usps", "fedex", "dhl", "amazon", "ontrac", "lasership", "canada_post"}) {
        CAPTURE(code);
        CHECK(listing.find("\n" + code + " ") != std::string::npos);
    }
    const auto json = run_vtrguard({"carriers", "--format", "json"});
    const auto lines = lines_of(json.out);
    REQUIRE_FALSE(lines.empty());
    for (const auto& line : lines) {
        rapidjson::Document doc;
        doc.Parse(line.c_str());
        REQUIRE_FALSE(doc.HasParseError());
        CHECK(doc["formats"].IsArray());
        CHECK(doc.HasMember("check_digit_verified"));
    }
}

TEST_CASE("validate --format json: suggestion_kind names the fix, null when none") {
    const auto result = run_vtrguard({"validate",
                                      "--format",
                                      "json",
                                      "9611020987654312345672",
                                      "EA723844556CN",
                                      "1Z5R89390357567127"});
    const auto lines = lines_of(result.out);
    REQUIRE(lines.size() == 3);
    std::vector<rapidjson::Document> docs(lines.size());
    for (std::size_t i = 0; i < lines.size(); ++i) {
        docs[i].Parse(lines[i].c_str());
        REQUIRE_FALSE(docs[i].HasParseError());
        REQUIRE(docs[i].HasMember("suggestion_kind"));
    }
    CHECK(std::string(docs[0]["reason"].GetString()) == "barcode_data");
    CHECK(std::string(docs[0]["suggestion"].GetString()) == "987654312345672");
    CHECK(std::string(docs[0]["suggestion_kind"].GetString()) == "extract_from_barcode");
    CHECK(docs[0]["valid"].IsFalse());
    CHECK(std::string(docs[1]["suggestion"].GetString()) == "EA723844565CN");
    CHECK(std::string(docs[1]["suggestion_kind"].GetString()) == "transposition");
    CHECK(docs[2]["suggestion_kind"].IsNull());
}

TEST_CASE("validate --carrier accepts the names marketplaces use") {
    CHECK(run_vtrguard({"validate", "--carrier", "China Post", "RB123456785CN"}).exit_code == 0);
    CHECK(run_vtrguard({"validate", "--carrier", "Royal Mail", "RB123456785CN"}).exit_code == 1);
}

TEST_CASE("validate --rules DIR: rule files add carriers; a bad file is a usage error") {
    const std::string example = std::string(VTRGUARD_SOURCE_DIR) + "/config/carriers.d";
    SUBCASE("the documented example loads and its line validates") {
        const auto result = run_vtrguard(
            {"validate", "--rules", example, "--carrier", "Westlake", "WL12345678905"});
        CHECK(result.exit_code == 0);
        CHECK(result.out.find("westlake_express") != std::string::npos);
        // Without the folder, the carrier is unknown: a usage error.
        CHECK(run_vtrguard({"validate", "--carrier", "Westlake", "WL12345678905"}).exit_code == 2);
    }
    SUBCASE("carriers --rules lists the added line") {
        const auto result = run_vtrguard({"carriers", "--rules", example});
        CHECK(result.exit_code == 0);
        CHECK(result.out.find("westlake_express") != std::string::npos);
    }
    SUBCASE("a bad file: exit 2, and stderr names the file and the key") {
        const TempDir dir;
        dir.write("10-good.json",
                  "{\"carriers\": [{\"code\": \"ups\", \"aliases\": [\"Brown\"]}]}");
        const auto bad = dir.write(
            "20-bad.json",
            R"({"carriers": [{"code": "w", "name": "W", "formats": [{"id": "w", "service": "W",
                "pattern": "W d{9}", "check": {"algorithm": "mod12"}}]}]})");
        for (const std::string command : {"validate", "carriers"}) {
            CAPTURE(command);
            std::vector<std::string> args{command, "--rules", dir.path().string()};
            if (command == "validate") {
                args.emplace_back("1Z5R89390357567127");
            }
            const auto result = run_vtrguard(args);
            CHECK(result.exit_code == 2);
            CHECK(result.err.find(bad.string()) != std::string::npos);
            CHECK(result.err.find("formats[0].check.algorithm") != std::string::npos);
        }
    }
    SUBCASE("a folder that does not exist: exit 2 naming it") {
        const auto result =
            run_vtrguard({"validate", "--rules", "/nonexistent/carriers.d", "1Z5R89390357567127"});
        CHECK(result.exit_code == 2);
        CHECK(result.err.find("/nonexistent/carriers.d") != std::string::npos);
    }
}

TEST_CASE("validate --config: the configuration's rules_dir carriers; --rules takes its place") {
    const TempDir dir;
    const std::string example = std::string(VTRGUARD_SOURCE_DIR) + "/config/carriers.d";
    const auto config = dir.write("vtrguard.json", R"({"rules_dir": ")" + example + R"("})");
    const auto with_config =
        run_vtrguard({"validate", "--config", config.string(), "WL12345678905"});
    CHECK(with_config.exit_code == 0);
    CHECK(with_config.out.find("westlake_express") != std::string::npos);
    CHECK(run_vtrguard({"validate", "WL12345678905"}).exit_code == 1);
    // --rules names another folder: the configuration's is not read for carriers.
    const auto empty = dir / "empty.d";
    std::filesystem::create_directories(empty);
    CHECK(run_vtrguard(
              {"validate", "--config", config.string(), "--rules", empty.string(), "WL12345678905"})
              .exit_code
          == 1);
    const auto bad = dir.write("bad.json", R"({"rules_dir": "/nonexistent/carriers.d"})");
    const auto rejected = run_vtrguard({"validate", "--config", bad.string(), "WL12345678905"});
    CHECK(rejected.exit_code == 2);
    CHECK(rejected.err.find("/nonexistent/carriers.d") != std::string::npos);
    const auto invalid = dir.write("invalid.json", R"({"rule_dir": "x"})");
    CHECK(run_vtrguard({"validate", "--config", invalid.string(), "WL12345678905"}).exit_code == 3);
}
