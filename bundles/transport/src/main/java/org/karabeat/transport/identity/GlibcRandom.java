package org.karabeat.transport.identity;

/**
 * glibc's {@code srand}/{@code rand} (the default TYPE_3 additive generator, {@code random_r.c}), which
 * heartbeat uses to derive a uuid from a node name. Only the sequence matters, not its quality.
 */
final class GlibcRandom {

    private static final int DEGREE = 31;
    private static final int SEPARATION = 3;

    private final int[] state = new int[DEGREE];
    private int front = SEPARATION;
    private int rear;

    /** {@code srand(seed)}; the seed is C's {@code unsigned int}, passed here as its 32 bits. */
    GlibcRandom(int seed) {
        if (seed == 0) {
            seed = 1;
        }
        state[0] = seed;
        int word = seed; // int32_t in glibc: a seed above 2^31 starts negative
        for (int i = 1; i < DEGREE; i++) {
            // 16807 * word % 2147483647 without overflow (Schrage), with C's truncating division
            long hi = word / 127773;
            long lo = word % 127773;
            long next = 16807 * lo - 2836 * hi;
            if (next < 0) {
                next += 2147483647;
            }
            word = (int) next;
            state[i] = word;
        }
        for (int i = 0; i < DEGREE * 10; i++) {
            next();
        }
    }

    /** {@code rand()}: 0 to 2^31 - 1. */
    int next() {
        state[front] += state[rear];
        int result = state[front] >>> 1;
        front++;
        if (front >= DEGREE) {
            front = 0;
            rear++;
        } else {
            rear++;
            if (rear >= DEGREE) {
                rear = 0;
            }
        }
        return result;
    }
}
