package com.practicalsystemdesign.loadgenerator;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LoadSettingsTests {

    @Test
    void defaultsToAModestLoadOnTheLocalRunsGatewayUntilStopped() {
        LoadSettings settings = LoadSettings.from(Map.of());

        assertThat(settings.target()).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(settings.rate()).isEqualTo(5);
        assertThat(settings.untilStopped()).isTrue();
        assertThat(settings.users()).isEqualTo(50);
        assertThat(settings.healthPort()).isZero();
    }

    @Test
    void readsEverySettingAndDropsATrailingSlash() {
        LoadSettings settings = LoadSettings.from(Map.of("LOAD_TARGET", "http://gateway:8080/", "LOAD_RATE", "0.5",
                "LOAD_DURATION", "30", "LOAD_USERS", "7", "LOAD_HEALTH_PORT", "8090"));

        assertThat(settings.target().resolve("/api/users")).isEqualTo(URI.create("http://gateway:8080/api/users"));
        assertThat(settings.rate()).isEqualTo(0.5);
        assertThat(settings.duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.untilStopped()).isFalse();
        assertThat(settings.users()).isEqualTo(7);
        assertThat(settings.healthPort()).isEqualTo(8090);
    }

    @Test
    void refusesARateThatIsNotModest() {
        assertThatIllegalArgumentException().isThrownBy(() -> LoadSettings.from(Map.of("LOAD_RATE", "0")))
            .withMessageContaining("LOAD_RATE");
        assertThatIllegalArgumentException().isThrownBy(() -> LoadSettings.from(Map.of("LOAD_RATE", "1000")))
            .withMessageContaining("LOAD_RATE");
        assertThatIllegalArgumentException().isThrownBy(() -> LoadSettings.from(Map.of("LOAD_USERS", "0")))
            .withMessageContaining("LOAD_USERS");
    }

}
