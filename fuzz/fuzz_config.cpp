// The configuration loader on any text (comments stripped, JSON parsed, every key checked).

#include <vtrguard/config/config.hpp>
#include <vtrguard/config/show.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto config = vtrguard::config::parse(text, "fuzz.json");
    if (config) {
        // What was accepted must print: `config show` walks every key.
        (void)vtrguard::config::show(*config);
    } else if (config.error().message.empty()) {
        __builtin_trap(); // every refusal says why
    }
    return 0;
}
