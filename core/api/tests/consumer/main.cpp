// Extracts the page named on the command line with the default job; prints its JSON.
#include <clearpage/pipeline.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  std::ifstream in(argv[1], std::ios::binary);
  std::stringstream page;
  page << in.rdbuf();
  try {
    const auto pipeline = clearpage::Pipeline::from_default();
    std::cout << clearpage::to_json(pipeline.process(page.str(), "https://example.com/")) << "\n";
  } catch (const clearpage::Error& e) {
    std::cerr << "error: " << e.reason() << "\n";
    return 1;
  }
  return 0;
}
