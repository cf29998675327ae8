# Language standard, build type and sanitizers: one INTERFACE target our own targets link PRIVATE.
set(CMAKE_CXX_STANDARD 20)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)

if(NOT CMAKE_BUILD_TYPE AND NOT CMAKE_CONFIGURATION_TYPES)
  set(CMAKE_BUILD_TYPE Release CACHE STRING "Build type" FORCE)
endif()

add_library(vtrguard_settings INTERFACE)
target_compile_definitions(vtrguard_settings INTERFACE $<$<CONFIG:Debug>:_GLIBCXX_ASSERTIONS>)

if(VTRGUARD_SANITIZE)
  set(sanitize_flags -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_compile_options(vtrguard_settings INTERFACE ${sanitize_flags})
  target_link_options(vtrguard_settings INTERFACE ${sanitize_flags})
endif()

if(VTRGUARD_FUZZ)
  # Coverage for libFuzzer in every library; the targets add -fsanitize=fuzzer (its main).
  target_compile_options(vtrguard_settings INTERFACE -fsanitize=fuzzer-no-link)
  # RapidJSON 1.1's parse stack adds offsets to its null start pointer before its first
  # allocation (internal/stack.h); clang's pointer-overflow check stops every JSON target there.
  target_compile_options(vtrguard_settings INTERFACE -fno-sanitize=pointer-overflow)
  target_link_options(vtrguard_settings INTERFACE -fno-sanitize=pointer-overflow)
endif()

if(VTRGUARD_CLANG_TIDY)
  find_program(clang_tidy_program NAMES clang-tidy-14 clang-tidy REQUIRED)
  set(CMAKE_CXX_CLANG_TIDY ${clang_tidy_program})
endif()

# Link-time optimisation in Release: the engine's hot path spans several small files.
include(CheckIPOSupported)
check_ipo_supported(RESULT is_ipo_supported OUTPUT ipo_output LANGUAGES CXX)
if(VTRGUARD_LTO AND is_ipo_supported AND CMAKE_BUILD_TYPE STREQUAL "Release")
  set(CMAKE_INTERPROCEDURAL_OPTIMIZATION ON)
endif()
