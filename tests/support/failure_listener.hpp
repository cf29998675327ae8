#pragma once

namespace vtrguard::test {

// Whether an assertion of the test case now running has failed (fixtures keep their files then).
bool current_test_failed();

} // namespace vtrguard::test
