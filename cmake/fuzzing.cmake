# The fuzz build: clang's libFuzzer with AddressSanitizer and UndefinedBehaviorSanitizer on every
# object (library included), so a fuzz target stops at the first memory error or undefined
# behaviour with a stack trace. RAYLOG_LIBFUZZER tells tests/fuzz whether libFuzzer links.
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "RAYLOG_FUZZ needs clang (libFuzzer): configure with -DCMAKE_CXX_COMPILER=clang++")
endif()
set(RAYLOG_SANITIZERS -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
add_compile_options(${RAYLOG_SANITIZERS} -fsanitize=fuzzer-no-link)
add_link_options(${RAYLOG_SANITIZERS})

include(CheckCXXSourceCompiles)
set(CMAKE_REQUIRED_FLAGS "-fsanitize=fuzzer")
check_cxx_source_compiles(
  "#include <cstddef>
   #include <cstdint>
   extern \"C\" int LLVMFuzzerTestOneInput(const uint8_t*, size_t) { return 0; }"
  RAYLOG_LIBFUZZER)
unset(CMAKE_REQUIRED_FLAGS)
if(NOT RAYLOG_LIBFUZZER)
  message(WARNING "clang cannot link -fsanitize=fuzzer (Debian: libclang-rt-14-dev); the fuzz runs will be reported skipped")
endif()
