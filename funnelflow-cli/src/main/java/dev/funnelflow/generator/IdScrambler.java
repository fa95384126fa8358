package dev.funnelflow.generator;

/**
 * Maps indexes {@code 0..count-1} to distinct numeric ids that do not reveal the index (popularity rank of
 * an item, for example): {@code id = (index * 48271 + offset) mod 10^k} with a per-seed offset, a bijection on
 * {@code [0, 10^k)} because 48271 is prime and coprime to 10. {@code 10^k} is the smallest power of ten at
 * least ten times the count.
 */
final class IdScrambler {

    private static final long MULTIPLIER = 48_271L;

    private final long modulus;
    private final long offset;

    IdScrambler(int count, long seed, long salt) {
        long power = 10;
        while (power < 10L * count) {
            power *= 10;
        }
        this.modulus = power;
        this.offset = Math.floorMod(Mix.hash(seed, salt, 0), power);
    }

    long id(int index) {
        return (index * MULTIPLIER + offset) % modulus;
    }
}
