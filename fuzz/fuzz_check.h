#pragma once
// FUZZ_CHECK(condition, what): a property a fuzz target expects of a parser (a round trip, an
// invariant). When it does not hold, the input is a finding like a crash: the message is printed
// and the process aborts, so libFuzzer saves the input.

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(condition, what)                                                     \
  do {                                                                                  \
    if (!(condition)) {                                                                 \
      std::fprintf(stderr, "%s:%d: fuzz check failed: %s\n", __FILE__, __LINE__, what); \
      std::abort();                                                                     \
    }                                                                                   \
  } while (0)
