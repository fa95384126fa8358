package dev.funnelflow.flink.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WriteBackCacheTest {

    private final List<String> written = new ArrayList<>();

    private WriteBackCache<String, StringBuilder> cache(int capacity) {
        return new WriteBackCache<>(capacity, (key, value) -> written.add(key + "=" + value), false);
    }

    @Test
    void changedValuesWaitForTheFlushAndEachIsWrittenOnce() {
        WriteBackCache<String, StringBuilder> cache = cache(10);
        StringBuilder a = new StringBuilder("1");
        cache.putDirty("a", a);
        a.append('2');
        cache.putDirty("a", a);
        cache.putClean("b", new StringBuilder("read"));
        assertThat(written).isEmpty();
        assertThat(cache.get("a")).isSameAs(a);

        cache.flush();

        assertThat(written).containsExactly("a=12");
        assertThat(cache.size()).isZero();
        assertThat(cache.get("a")).isNull();
    }

    @Test
    void whereStateCopiesValuesTheyStayCachedAfterAFlushAndOnlyLaterChangesAreWrittenAgain() {
        WriteBackCache<String, StringBuilder> cache =
                new WriteBackCache<>(10, (key, value) -> written.add(key + "=" + value), true);
        StringBuilder a = new StringBuilder("1");
        cache.putDirty("a", a);
        cache.putClean("b", new StringBuilder("2"));

        cache.flush();
        assertThat(written).containsExactly("a=1");
        assertThat(cache.get("a")).isSameAs(a);
        assertThat(cache.size()).isEqualTo(2);

        cache.flush();
        assertThat(written).as("nothing changed since").containsExactly("a=1");

        a.append('3');
        cache.putDirty("a", a);
        cache.flush();
        assertThat(written).containsExactly("a=1", "a=13");
    }

    @Test
    void pastTheLimitOfChangedValuesTheOneChangedLongestAgoIsWrittenAndStaysCached() {
        WriteBackCache<String, StringBuilder> cache =
                new WriteBackCache<>(10, (key, value) -> written.add(key + "=" + value), true, 2);
        StringBuilder a = new StringBuilder("1");
        cache.putDirty("a", a);
        cache.putDirty("b", new StringBuilder("2"));
        a.append('1');
        cache.putDirty("a", a); // now b is the one changed longest ago
        assertThat(written).isEmpty();

        cache.putDirty("c", new StringBuilder("3"));
        assertThat(written).containsExactly("b=2");
        assertThat(cache.get("b")).as("still cached, now unchanged").isNotNull();

        cache.flush();
        assertThat(written).as("the barrier writes only what is still changed").containsExactly("b=2", "a=11", "c=3");
    }

    @Test
    void theLeastRecentlyUsedLeavesFirstAndOnlyAChangedOneIsWritten() {
        WriteBackCache<String, StringBuilder> cache = cache(2);
        cache.putDirty("a", new StringBuilder("1"));
        cache.putClean("b", new StringBuilder("2"));
        cache.get("a");
        cache.putClean("c", new StringBuilder("3")); // b is the eldest: unchanged, dropped silently
        assertThat(written).isEmpty();
        assertThat(cache.get("b")).isNull();

        cache.putClean("d", new StringBuilder("4")); // now a
        assertThat(written).containsExactly("a=1");
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void aCleanReadOfAChangedValueKeepsItChanged() {
        WriteBackCache<String, StringBuilder> cache = cache(2);
        StringBuilder a = new StringBuilder("1");
        cache.putDirty("a", a);
        cache.putClean("a", a);
        cache.flush();
        assertThat(written).containsExactly("a=1");
    }

    @Test
    void withoutCapacityEveryChangeGoesStraightThrough() {
        WriteBackCache<String, StringBuilder> cache = cache(0);
        cache.putDirty("a", new StringBuilder("1"));
        cache.putClean("b", new StringBuilder("2"));
        assertThat(written).containsExactly("a=1");
        assertThat(cache.get("a")).isNull();
        assertThat(cache.size()).isZero();
    }

    @Test
    void refusesANegativeCapacityAndNoRoomForChanges() {
        assertThatThrownBy(() -> cache(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WriteBackCache<String, String>(1, (key, value) -> {}, true, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRemovedValueIsNeverWritten() {
        WriteBackCache<String, StringBuilder> cache = cache(10);
        cache.putDirty("a", new StringBuilder("1"));
        cache.putDirty("b", new StringBuilder("2"));
        cache.remove("a");
        assertThat(cache.get("a")).isNull();

        cache.flush();

        assertThat(written).containsExactly("b=2");
    }
}
