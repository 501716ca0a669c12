package dev.actionbox.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DownloadsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "application/pdf | application/pdf",
        "text/html; charset=utf-8 | text/html",
        "bogus type | application/octet-stream",
        "text/html, image/svg+xml | application/octet-stream",
        "NULL | application/octet-stream"})
    void contentType_declaredBySender_isKeptOnlyWhenWellFormed(String declared, String sent) {
        assertThat(Downloads.contentType(declared)).isEqualTo(sent);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "report.pdf | attachment; filename=\"report.pdf\"; filename*=UTF-8''report.pdf",
        "../a\"b;c.txt | attachment; filename=\"..abc.txt\"; filename*=UTF-8''..abc.txt",
        "résumé.pdf | attachment; filename=\"r_sum_.pdf\"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf",
        "' ' | attachment; filename=\"download\"; filename*=UTF-8''download"})
    void disposition_anyName_isAQuotedSafeNameAndItsUtf8Form(String name, String header) {
        assertThat(Downloads.disposition(name)).isEqualTo(header);
    }
}
