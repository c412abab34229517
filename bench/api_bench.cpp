// Pages/s of the in-process C++ API on pages held in memory: process() on one thread,
// and process_many() on 1 and N threads. bench/python_bench.py compares the Python
// package against the first figure.
#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

#include "clearpage/pipeline.hpp"

namespace fs = std::filesystem;

namespace {

std::string inflate_file(const fs::path& path) {
  gzFile file = gzopen(path.c_str(), "rb");
  if (!file) throw std::runtime_error("cannot open " + path.string());
  std::string out;
  char buf[1 << 16];
  for (int n; (n = gzread(file, buf, sizeof buf)) > 0;)
    out.append(buf, static_cast<std::size_t>(n));
  gzclose(file);
  return out;
}

double cpu_now() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// Best wall time of the rounds; `cpu` gets the best CPU time, steadier than wall time
// on a shared machine.
template <typename F>
double best_seconds(int rounds, F run, double* cpu = nullptr) {
  double best = 1e30;
  double best_cpu = 1e30;
  for (int i = 0; i < rounds; ++i) {
    const double cpu_start = cpu_now();
    const auto start = std::chrono::steady_clock::now();
    run();
    const auto wall = std::chrono::steady_clock::now() - start;
    best = std::min(best, std::chrono::duration<double>(wall).count());
    best_cpu = std::min(best_cpu, cpu_now() - cpu_start);
  }
  if (cpu) *cpu = best_cpu;
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  std::string corpus = "../shared/corpus/aeb/html";
  int threads = 2;
  int rounds = 3;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string key = argv[i];
    if (key == "--corpus") corpus = argv[i + 1];
    if (key == "--threads") threads = std::stoi(argv[i + 1]);
    if (key == "--rounds") rounds = std::stoi(argv[i + 1]);
  }
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(corpus)) {
    if (entry.path().string().ends_with(".html.gz")) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<std::string> html;
  for (const auto& file : files) html.push_back(inflate_file(file));
  std::vector<clearpage::Page> pages;
  for (std::size_t i = 0; i < html.size(); ++i)
    pages.push_back({html[i], "", "", files[i].stem().string(), ""});

  const clearpage::Pipeline pipeline = clearpage::Pipeline::from_default();
  std::size_t failed = 0;
  for (const auto& page : pages) failed += pipeline.process_record(page).failed();  // warm-up
  const double n = static_cast<double>(pages.size());
  double one_cpu = 0;
  const double one = best_seconds(
      rounds,
      [&] {
        for (const auto& page : pages) pipeline.process_record(page);
      },
      &one_cpu);
  const double many_1 = best_seconds(rounds, [&] { pipeline.process_many(pages, 1); });
  const double many_n = best_seconds(rounds, [&] { pipeline.process_many(pages, threads); });
  std::printf("pages %zu (failed %zu), best of %d rounds\n", pages.size(), failed, rounds);
  std::printf("cpp process, 1 thread:        %8.1f pages/s  (%.1f per CPU second)\n", n / one,
              n / one_cpu);
  std::printf("cpp process_many, 1 thread:   %8.1f pages/s\n", n / many_1);
  std::printf("cpp process_many, %d threads:  %8.1f pages/s  (%.2f x 1 thread)\n", threads,
              n / many_n, many_1 / many_n);
  return 0;
}
