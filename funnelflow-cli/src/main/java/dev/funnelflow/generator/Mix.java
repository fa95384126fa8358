package dev.funnelflow.generator;

/**
 * Stateless 64-bit hashing (the SplitMix64 finalizer, Steele, Lea and Flood 2014). Stable per-entity
 * attributes (a user's device, an item's price and neighbours) are derived from {@code hash(seed, id)} instead
 * of being stored, so memory stays flat for catalogues of millions.
 */
final class Mix {

    private Mix() {
    }

    /** A bijection on 64-bit values with good avalanche: distinct inputs give distinct outputs. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static long hash(long seed, long salt, long id) {
        return mix64(mix64(seed ^ salt) + id * 0x9e3779b97f4a7c15L);
    }

    /** Uniform double in [0, 1) from the top 53 bits of a hash. */
    static double unit(long hash) {
        return (hash >>> 11) * 0x1.0p-53;
    }

    /** Standard normal deviate from a hash (Box-Muller on two uniforms derived from it). */
    static double gaussian(long hash) {
        double u1 = (mix64(hash) >>> 11) * 0x1.0p-53 + 0x1.0p-54;
        double u2 = unit(hash);
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
