#pragma once
// The seeded random numbers of all generated test data: SplitMix64, which gives the same numbers
// on every platform (std distributions do not), so a seed names the same data everywhere.

#include <cmath>
#include <cstdint>
#include <vector>

namespace phieu {

class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t Next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n).
  int Below(int n) { return static_cast<int>(Next() % static_cast<std::uint64_t>(n)); }
  template <typename T>
  const T& Pick(const std::vector<T>& list) { return list[Below(static_cast<int>(list.size()))]; }
  // Uniform in [0, 1), 53 bits.
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  double Uniform(double lo, double hi) { return lo + (hi - lo) * Unit(); }
  bool Chance(double p) { return Unit() < p; }
  // Approximately standard normal: the sum of eight uniform 16-bit numbers (Irwin-Hall), which
  // needs no transcendental functions; tails stop at +-4.9 sigma, plenty for sensor noise.
  double Gaussian() {
    std::uint64_t a = Next(), b = Next();
    std::uint64_t sum = 0;
    for (int i = 0; i < 4; ++i) {
      sum += (a >> (16 * i)) & 0xffff;
      sum += (b >> (16 * i)) & 0xffff;
    }
    static const double kSd = std::sqrt(8.0 * (65536.0 * 65536.0 - 1) / 12.0);
    return (static_cast<double>(sum) - 8 * 32767.5) / kSd;
  }

 private:
  std::uint64_t state_;
};

}  // namespace phieu
