package dev.flagledger.evaluation.bucketing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.google.common.hash.Hashing;

import dev.flagledger.evaluation.model.WeightedVariant;

class BucketerTest {

    /** CONVENTIONS section 3 computed from Guava's independent MurmurHash3, not from ours. */
    private static int guavaBucket(String salt, String value) {
        int hash = Hashing.murmur3_32_fixed().hashBytes((salt + "." + value).getBytes(StandardCharsets.UTF_8)).asInt();
        return (int) (Integer.toUnsignedLong(hash) * 100_000L / (1L << 32));
    }

    @Test
    void bucket_equals_the_one_computed_with_guavas_murmur3_for_many_random_strings() {
        Random random = new Random(20_240_601);
        for (int i = 0; i < 20_000; i++) {
            String salt = randomText(random, 12);
            String value = randomText(random, 40);
            assertThat(Bucketer.bucket(salt, value)).as("salt %s value %s", salt, value)
                    .isEqualTo(guavaBucket(salt, value));
        }
    }

    @ParameterizedTest(name = "bucket of {0}.{1} is {2}")
    @CsvSource({
            // Values from spec/tools/murmur3.py, a third implementation in plain Python.
            "boundary, user-1, 11826",
            "boundary, user-2, 48477",
            "boundary, alice, 35977",
            "boundary, bob, 89090",
            "boundary, zürich, 66075",
            "boundary, 😀, 39184",
    })
    void bucket_matches_the_values_of_the_independent_python_implementation(String salt, String value, int bucket) {
        assertThat(Bucketer.bucket(salt, value)).isEqualTo(bucket);
    }

    @Test
    void scale_maps_the_ends_of_the_unsigned_hash_range_to_the_first_and_last_bucket() {
        assertThat(Bucketer.scale(0)).isZero();
        assertThat(Bucketer.scale(0xFFFF_FFFFL)).isEqualTo(99_999);
        assertThat(Bucketer.scale(1L << 31)).isEqualTo(50_000);
    }

    /** The reused-buffer encoder must give the JDK's bytes, lone surrogates and long inputs included. */
    @Test
    void utf8_encoding_into_the_reused_buffer_equals_the_jdks_for_any_text() {
        Random random = new Random(99);
        for (int i = 0; i < 20_000; i++) {
            String text = randomText(random, 40);
            if (random.nextInt(4) == 0) {
                // A lone high or low surrogate somewhere: the JDK replaces it with '?'.
                int at = random.nextInt(text.length() + 1);
                text = text.substring(0, at) + (random.nextBoolean() ? '\uD83D' : '\uDE00') + text.substring(at);
            }
            byte[] expected = text.getBytes(StandardCharsets.UTF_8);
            byte[] actual = new byte[3 * text.length() + 2];
            int length = Utf8.encode(text, actual, 1);
            assertThat(java.util.Arrays.copyOfRange(actual, 1, length)).as("text %s", text).isEqualTo(expected);
        }
        String longValue = "ü".repeat(2_000);
        assertThat(Bucketer.bucket("salt", longValue)).isEqualTo(guavaBucket("salt", longValue));
    }

    @Test
    void every_bucket_is_within_0_and_99999_for_negative_signed_hashes_too() {
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            assertThat(Bucketer.bucket("salt", Long.toString(random.nextLong()))).isBetween(0, 99_999);
        }
    }

    @Test
    void walking_the_weights_gives_each_variant_exactly_its_weight_in_buckets() {
        List<WeightedVariant> weights = List.of(new WeightedVariant("a", 12_345), new WeightedVariant("none", 0),
                new WeightedVariant("b", 54_321), new WeightedVariant("c", 33_334));
        Map<String, Integer> owned = new HashMap<>();
        for (int bucket = 0; bucket < Bucketer.BUCKETS; bucket++) {
            owned.merge(Bucketer.variantFor(bucket, weights), 1, Integer::sum);
        }
        assertThat(owned).containsExactlyInAnyOrderEntriesOf(Map.of("a", 12_345, "b", 54_321, "c", 33_334));
    }

    @Test
    void a_weight_boundary_sits_between_bucket_and_bucket_plus_one() {
        List<WeightedVariant> weights = List.of(new WeightedVariant("on", 500), new WeightedVariant("off", 99_500));
        assertThat(Bucketer.variantFor(499, weights)).isEqualTo("on");
        assertThat(Bucketer.variantFor(500, weights)).isEqualTo("off");
    }

    @Test
    void a_10_30_60_split_of_100000_random_keys_lands_within_one_point_of_each_weight() {
        List<WeightedVariant> weights = List.of(new WeightedVariant("ten", 10_000),
                new WeightedVariant("thirty", 30_000), new WeightedVariant("sixty", 60_000));
        Random random = new Random(42);
        Map<String, Integer> counts = new HashMap<>();
        int keys = 100_000;
        for (int i = 0; i < keys; i++) {
            String key = "user-" + Long.toHexString(random.nextLong());
            counts.merge(Bucketer.variantFor(Bucketer.bucket("experiment", key), weights), 1, Integer::sum);
        }
        assertThat(100.0 * counts.get("ten") / keys).isCloseTo(10.0, within(1.0));
        assertThat(100.0 * counts.get("thirty") / keys).isCloseTo(30.0, within(1.0));
        assertThat(100.0 * counts.get("sixty") / keys).isCloseTo(60.0, within(1.0));
    }

    @Test
    void different_salts_place_the_same_key_independently() {
        int same = 0;
        for (int i = 0; i < 1_000; i++) {
            if (Bucketer.bucket("flag-a", "user-" + i) / 10_000 == Bucketer.bucket("flag-b", "user-" + i) / 10_000) {
                same++;
            }
        }
        // Independent placement agrees on the decile about 10 % of the time, not always.
        assertThat(same).isBetween(50, 200);
    }

    /** Mixed ASCII, accented letters, CJK and astral code points, so UTF-8 encodes 1 to 4 bytes. */
    private static String randomText(Random random, int maxLength) {
        int[] alphabets = {0x20, 0xC0, 0x4E00, 0x1F600};
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(maxLength + 1);
        for (int i = 0; i < length; i++) {
            int base = alphabets[random.nextInt(alphabets.length)];
            text.appendCodePoint(base + random.nextInt(base == 0x20 ? 95 : 64));
        }
        return text.toString();
    }
}
