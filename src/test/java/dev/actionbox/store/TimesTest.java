package dev.actionbox.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.format.DateTimeParseException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimesTest {

    @ParameterizedTest
    @ValueSource(strings = {"2026-01-31T17:00:00Z", "2026-01-31T17:00:00.123456789+01:00",
        "0001-01-01T00:00:00-12:00", "9999-12-31T23:59:59.999Z"})
    void parse_rfc3339Time_readsItAndFormatsBackInUtc(String text) {
        long millis = Times.parse(text);

        assertThat(Times.parse(Times.format(millis))).isEqualTo(millis);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z",
        "+99999-01-01T00:00:00Z", "2026-01-31", "2026-01-31T17:00Z", "2026-01-31 17:00:00Z",
        "2026-01-31T17:00:00", "2026-02-30T00:00:00Z", "２０２６-01-31T17:00:00Z"})
    void parse_notAnRfc3339Time_throwsTheParseExceptionCallersTurnInto422(String text) {
        assertThatThrownBy(() -> Times.parse(text)).isInstanceOf(DateTimeParseException.class);
    }
}
