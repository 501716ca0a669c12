package dev.actionbox.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ApiConfigTest {

    @Test
    void parseOrigins_list_keepsEachOriginInLowerCase() {
        assertThat(ApiConfig.parseOrigins(" https://App.example , http://localhost:3000,"))
                .containsExactly("https://app.example", "http://localhost:3000");
    }

    @Test
    void parseOrigins_blank_isCorsOff() {
        assertThat(ApiConfig.parseOrigins("")).isEmpty();
        assertThat(ApiConfig.parseOrigins(null)).isEmpty();
    }

    @Test
    void parseOrigins_withPath_refusedNamingTheEntry() {
        assertThatThrownBy(() -> ApiConfig.parseOrigins("https://app.example/path"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("https://app.example/path")
                .hasMessageContaining("ACTIONBOX_CORS_ORIGINS");
    }
}
