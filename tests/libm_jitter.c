/* libm_jitter: another CPU's transcendental functions, emulated by moving their last bits.
 *
 * Loaded with LD_PRELOAD, it wraps libm's exp, log, pow, ... (the list below): each call
 * returns the real result moved by k units in the last place, k in -4..4, a deterministic
 * hash of the function, its input bits and MCTOOLS_JITTER_SEED. That is the spread between
 * libms and SIMD kernels (glibc's FMA and plain variants, Apple's libm, numpy's AVX-512 and
 * SVML loops, which claim up to 4 ulp). A result that is exactly representable (exp(0) = 1,
 * log(1) = 0, pow(2, 3) = 8: the long-double reference rounds to it exactly) is returned as it
 * is, because every faithful implementation returns it exactly too; zeros, infinities and
 * NaNs are never moved. The long-double reference is only computed for a result whose last 11
 * bits are zero (every exact result of the notebooks' kind: 1, 8, 0.5, 1e15, ...): a rounded
 * transcendental has them all zero once in 2048 calls, and the reference costs more than the
 * function itself, so checking every call made the pass twice as slow. numpy calls libm for these functions only when its own SIMD loops are
 * off, so use it with the generic-CPU settings of tests/cpu_settings.py.
 *
 * Built by tests/cpu_settings.py: cc -O2 -shared -fPIC libm_jitter.c -o libm_jitter.so -ldl -lm
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t seed_bits(void) {
    static int ready = 0;
    static uint64_t seed = 0x9E3779B97F4A7C15ULL;
    if (!ready) {
        const char *text = getenv("MCTOOLS_JITTER_SEED");
        if (text != NULL) seed ^= strtoull(text, NULL, 10) * 0xD1B54A32D192ED03ULL;
        ready = 1;
    }
    return seed;
}

static uint64_t mix(uint64_t z) { /* splitmix64's finaliser */
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static uint64_t bits(double x) {
    uint64_t b;
    memcpy(&b, &x, sizeof b);
    return b;
}

/* Only a result with its last 11 bits zero can be one of the exact results (see above). */
static int could_be_exact(double out) { return (bits(out) & 0x7FFULL) == 0; }

/* The result is the function's exact value: a faithful libm returns it unmoved. */
static int exact(double out, long double reference) {
    return isfinite(reference) && (long double)(double)reference == reference && (double)reference == out;
}

static double jitter(double out, uint64_t key) {
    if (!isfinite(out) || out == 0.0) return out;
    int k = (int)(mix(key ^ seed_bits()) % 9) - 4;
    for (; k > 0; k--) out = nextafter(out, INFINITY);
    for (; k < 0; k++) out = nextafter(out, -INFINITY);
    return out;
}

/* f(x): the real function is looked up once, after ours in the search order. */
#define JITTER1(name, id)                                                          \
    double name(double x) {                                                        \
        static double (*real)(double) = NULL;                                      \
        if (real == NULL) real = (double (*)(double))dlsym(RTLD_NEXT, #name);      \
        double out = real(x);                                                      \
        if (could_be_exact(out) && exact(out, name##l((long double)x))) return out; \
        return jitter(out, mix(bits(x) + (id)));                                   \
    }

#define JITTER2(name, id)                                                          \
    double name(double x, double y) {                                              \
        static double (*real)(double, double) = NULL;                              \
        if (real == NULL) real = (double (*)(double, double))dlsym(RTLD_NEXT, #name); \
        double out = real(x, y);                                                   \
        if (could_be_exact(out) && exact(out, name##l((long double)x, (long double)y))) return out; \
        return jitter(out, mix(bits(x) + (id)) ^ mix(bits(y) + 0x5851F42D4C957F2DULL)); \
    }

JITTER1(exp, 1)
JITTER1(expm1, 2)
JITTER1(exp2, 3)
JITTER1(log, 4)
JITTER1(log1p, 5)
JITTER1(log2, 6)
JITTER1(log10, 7)
JITTER1(sin, 8)
JITTER1(cos, 9)
JITTER1(tan, 10)
JITTER1(asin, 11)
JITTER1(acos, 12)
JITTER1(atan, 13)
JITTER1(sinh, 14)
JITTER1(cosh, 15)
JITTER1(tanh, 16)
JITTER1(asinh, 17)
JITTER1(acosh, 18)
JITTER1(atanh, 19)
JITTER1(erf, 20)
JITTER1(erfc, 21)
JITTER1(tgamma, 22)
JITTER1(cbrt, 23)
JITTER2(pow, 24)
JITTER2(atan2, 25)
JITTER2(hypot, 26)

/* lgamma also sets the global signgam: the real one does, and ours leaves it alone. */
JITTER1(lgamma, 27)
