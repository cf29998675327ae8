# Strict warnings for our own code only; library headers come in as system includes.
add_library(vtrguard_warnings INTERFACE)
target_compile_options(
  vtrguard_warnings
  INTERFACE -Wall
            -Wextra
            -Wpedantic
            -Wshadow
            -Wconversion
            -Wsign-conversion
            -Wold-style-cast
            -Wnon-virtual-dtor
            -Woverloaded-virtual
            -Wnull-dereference
            -Wdouble-promotion
            -Wformat=2
            -Wimplicit-fallthrough
            -Wextra-semi
            -Wcast-align
            # Designated initializers rely on in-class defaults; GCC 12 warns on them anyway.
            -Wno-missing-field-initializers)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  target_compile_options(vtrguard_warnings INTERFACE -Wlogical-op -Wduplicated-cond -Wuseless-cast)
endif()
if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  # RapidJSON 1.1's member iterators compare non-const with const; C++20's reversed operator==
  # makes clang call that ambiguous at our call sites although the header is a system one.
  target_compile_options(vtrguard_warnings INTERFACE -Wno-ambiguous-reversed-operator)
endif()
if(VTRGUARD_WERROR)
  target_compile_options(vtrguard_warnings INTERFACE -Werror)
endif()
