package com.practicalsystemdesign.common.store;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DatabaseUrlTests {

    @Test
    void parsesTheOriginalDesignsUrl() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://postgres:postgres@postgres:5432/users");

        assertThat(url).isEqualTo(new DatabaseUrl("postgres", 5432, "users", "postgres", "postgres", null));
        assertThat(url.r2dbcUrl()).isEqualTo("r2dbc:postgresql://postgres:5432/users");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://postgres:5432/users");
    }

    @Test
    void acceptsThePostgresSchemeAndDefaultsThePort() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://app@db.internal/users");

        assertThat(url.port()).isEqualTo(5432);
        assertThat(url.username()).isEqualTo("app");
        assertThat(url.password()).isNull();
    }

    @Test
    void decodesPercentEncodedCredentialsAndKeepsPlusSigns() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://us%40er:p%3Ass+w%2Fd@localhost:6543/users");

        assertThat(url.username()).isEqualTo("us@er");
        assertThat(url.password()).isEqualTo("p:ss+w/d");
        assertThat(url.port()).isEqualTo(6543);
    }

    @Test
    void passesQueryParametersToBothDrivers() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://u:p@db:5432/users?sslmode=require");

        assertThat(url.r2dbcUrl()).isEqualTo("r2dbc:postgresql://db:5432/users?sslmode=require");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/users?sslmode=require");
    }

    @Test
    void masksThePasswordWhenPrinted() {
        assertThat(DatabaseUrl.parse("postgresql://u:secret@db:5432/users").toString())
            .isEqualTo("postgresql://u:****@db:5432/users")
            .doesNotContain("secret");
    }

    @Test
    void rejectsUrlsThatAreNotPostgresWithAMessageNamingTheExpectedForm() {
        assertThatIllegalArgumentException().isThrownBy(() -> DatabaseUrl.parse("mysql://u:p@db/users"))
            .withMessageContaining("postgresql://user:password@host:5432/database");
        assertThatIllegalArgumentException().isThrownBy(() -> DatabaseUrl.parse("postgresql://u:p@db:5432/"))
            .withMessageContaining("no database");
        assertThatIllegalArgumentException().isThrownBy(() -> DatabaseUrl.parse("")).withMessageContaining("empty");
        assertThatIllegalArgumentException().isThrownBy(() -> DatabaseUrl.parse("postgresql://u:p@db:5432/a b"))
            .withMessageContaining("not a URL");
    }

}
