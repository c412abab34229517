// Static initialisers of the refused plugins touch a file named by an environment
// variable, so a test can prove that the host ran none of their code.
#pragma once

#include <cstdlib>
#include <fstream>

namespace clearpage_test {
struct RanMarker {
  RanMarker() {
    if (const char* path = std::getenv("CLEARPAGE_TEST_CODE_RAN")) std::ofstream(path) << "ran\n";
  }
};
}  // namespace clearpage_test
