#include "support/failure_listener.hpp"

#include <doctest/doctest.h>

#include <atomic>

namespace vtrguard::test {

namespace {

std::atomic<bool> g_failed{false};

// Watches assertions so fixtures can tell a failing test from a passing one.
struct FailureListener : public doctest::IReporter {
    explicit FailureListener(const doctest::ContextOptions& /*options*/) {}

    void report_query(const doctest::QueryData& /*data*/) override {}

    void test_run_start() override {}

    void test_run_end(const doctest::TestRunStats& /*stats*/) override {}

    void test_case_start(const doctest::TestCaseData& /*data*/) override { g_failed = false; }

    void test_case_reenter(const doctest::TestCaseData& /*data*/) override {}

    void test_case_end(const doctest::CurrentTestCaseStats& /*stats*/) override {}

    void test_case_exception(const doctest::TestCaseException& /*data*/) override {
        g_failed = true;
    }

    void subcase_start(const doctest::SubcaseSignature& /*signature*/) override {}

    void subcase_end() override {}

    void log_assert(const doctest::AssertData& data) override {
        if (data.m_failed) {
            g_failed = true;
        }
    }

    void log_message(const doctest::MessageData& /*data*/) override {}

    void test_case_skipped(const doctest::TestCaseData& /*data*/) override {}
};

} // namespace

bool current_test_failed() {
    return g_failed;
}

} // namespace vtrguard::test

DOCTEST_REGISTER_LISTENER("failure_listener", 1, vtrguard::test::FailureListener);
