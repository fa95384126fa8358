package dev.funnelflow.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.event.EventType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigineticaConverterTest {
    private final RowConverter converter = new DigineticaConverter(Map.of("617", "194"));

    @TempDir
    Path dir;

    @Test
    void anonymousViewGetsPseudoUserAndTimeFromDatePlusTimeframe() throws BadRowException {
        ClickEvent event = converter.convert("1;NA;81766;526309;2016-05-09", "dg-2");

        assertThat(event).isEqualTo(RowConverter.event("dg-2", Instant.parse("2016-05-09T00:08:46.309Z").toEpochMilli(),
                "dg-s1", "1", EventType.VIEW, "81766", null, null, 1, null));
    }

    @Test
    void everyRowOfASessionGetsTheSessionsKnownUser() throws BadRowException {
        assertThat(converter.convert("617;194;35789;7112;2016-01-03", "dg-9").userId()).isEqualTo("194");
        assertThat(converter.convert("617;NA;35789;7112;2016-01-03", "dg-9").userId()).isEqualTo("194");
    }

    @Test
    void sessionsKnownUserIsItsFirstUserIdInFileOrder() throws IOException, BadRowException {
        Path input = Files.writeString(dir.resolve("views.csv"), """
                session_id;user_id;item_id;timeframe;eventdate
                7;NA;1;10;2016-05-09
                7;45970;2;20;2016-05-09
                7;1328;3;30;2016-05-09
                8;NA;4;10;2016-05-09
                """);

        RowConverter scanned = DigineticaConverter.forInputs(List.of(input));

        assertThat(scanned.convert("7;NA;1;10;2016-05-09", "x").userId()).isEqualTo("45970");
        assertThat(scanned.convert("7;1328;3;30;2016-05-09", "x").userId()).isEqualTo("45970");
        assertThat(scanned.convert("8;NA;4;10;2016-05-09", "x").userId()).isEqualTo("dg-s8");
    }

    @Test
    void malformedRowsAreRejectedWithAReason() {
        assertThatThrownBy(() -> converter.convert("1;NA;81766;526309", "x"))
                .isInstanceOf(BadRowException.class).hasMessage("expected 5 fields, found 4");
        assertThatThrownBy(() -> converter.convert("1;NA;81766;soon;2016-05-09", "x"))
                .hasMessageContaining("timeframe is not an integer");
        assertThatThrownBy(() -> converter.convert("1;NA;81766;-5;2016-05-09", "x"))
                .hasMessageContaining("negative timeframe");
        assertThatThrownBy(() -> converter.convert("1;NA;81766;5;2016-13-09", "x"))
                .hasMessageContaining("eventdate is not a date");
        assertThatThrownBy(() -> converter.convert("1;NA;;5;2016-05-09", "x"))
                .hasMessage("empty item_id");
    }
}
