package dev.samstage.core.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrefixListingTest {

    private static final List<String> LISTED = List.of("p/b.zip", "p/d.zip", "p/f.zip");

    @ParameterizedTest(name = "{0} with a {1} listing: proven absent = {2}")
    @CsvSource({
            // a key that was listed exists, whatever else
            "p/d.zip, complete,  false",
            "p/d.zip, cut short, false",
            // a complete listing proves every other key absent
            "p/a.zip, complete,  true",
            "p/e.zip, complete,  true",
            "p/z.zip, complete,  true",
            // a listing cut short proves absent only what sorts before its last key
            "p/a.zip, cut short, true",
            "p/e.zip, cut short, true",
            "p/g.zip, cut short, false",
    })
    void provesAKeyAbsentOnlyWhereTheListingCoveredIt(String key, String listing, boolean absent) {
        PrefixListing prefix = PrefixListing.of(LISTED, listing.equals("complete"));

        assertThat(prefix.provesAbsent(key)).isEqualTo(absent);
    }

    @ParameterizedTest(name = "an empty {0} listing proves absent = {1}")
    @CsvSource({"complete, true", "cut short, false"})
    void anEmptyListingProvesAbsenceOnlyWhenItIsComplete(String listing, boolean absent) {
        assertThat(PrefixListing.of(List.of(), listing.equals("complete")).provesAbsent("p/a.zip")).isEqualTo(absent);
    }
}
